"""Propose, review and record links between the same organisation in several sources."""
