"""The SPARQL 1.1 grammar, recursive descent: graph patterns and triples (Query, section 19.8).

One method per production, named after it in snake case, with the production in its docstring
(repetitions are loops). A pattern returns the variables it puts in scope, for the static rules:
a ``BIND`` variable must be new in its group (Query 18.2.1) and ``VALUES`` rows are as wide as
their variables (10.2.1). Blank nodes are collected for the update rules (:mod:`.grammar`).
"""

from __future__ import annotations

from .expressions import ExpressionGrammar
from .lex import EMPTY, IRIS, NUMBERS, TERMS, ClosureTriple

_VERBS = IRIS | {"VAR", "a"}
_PATH_STARTS = IRIS | {"VAR", "a", "^", "!", "("}
_MODIFIERS = frozenset(("*", "+"))
ANON = ""  # the blank node of [] or of a collection, which has no label


class PatternGrammar(ExpressionGrammar):
    """The productions shared by queries and updates: prologue, patterns, triples, paths."""

    def sub_select(self) -> frozenset[str]:
        """SubSelect (in :mod:`.grammar`)."""
        raise NotImplementedError

    def prologue(self) -> None:
        """Prologue ::= ( BaseDecl | PrefixDecl )*"""
        from . import resolve

        while True:
            if self.accept("BASE"):
                iri = self.texts[self.expect("IRI", "an IRI <...>")][1:-1]
                self.found.base = resolve(self.found.base, iri)
            elif self.accept("PREFIX"):
                name = self.texts[self.expect("PNAME_NS", "a prefix such as ex:")][:-1]
                iri = self.texts[self.expect("IRI", "an IRI <...>")][1:-1]
                self.found.prefixes[name] = resolve(self.found.base, iri)
            else:
                return

    def values_clause(self) -> frozenset[str]:
        """ValuesClause ::= ( 'VALUES' DataBlock )?"""
        return self.data_block() if self.accept("VALUES") else EMPTY

    def data_block(self) -> frozenset[str]:
        """DataBlock ::= InlineDataOneVar | InlineDataFull"""
        if self.kinds[self.i] == "VAR":
            name = self.var()
            self.expect("{")
            while not self.accept("}"):
                self.data_block_value()
            return frozenset((name,))
        names: list[str] = []
        if not self.accept("NIL"):
            self.expect("(", "a variable or ( variables )")
            while self.kinds[self.i] == "VAR":
                names.append(self.var())
            self.expect(")", "a variable or )")
        self.expect("{")
        while not self.accept("}"):
            at, width = self.i, 0
            if not self.accept("NIL"):
                self.expect("(", "( values ) or }")
                while not self.accept(")"):
                    self.data_block_value()
                    width += 1
            if width != len(names):
                raise self.fail(f"this VALUES row has {width} value(s) for {len(names)} variable(s)", at)
        return frozenset(names)

    def data_block_value(self) -> None:
        """DataBlockValue ::= iri | RDFLiteral | NumericLiteral | BooleanLiteral | 'UNDEF'"""
        kind = self.kinds[self.i]
        if kind == "STRING":
            self.rdf_literal()
        elif kind in IRIS or kind in NUMBERS or kind in ("TRUE", "FALSE", "UNDEF"):
            self.take()
        else:
            raise self.error("a value (an IRI, a literal or UNDEF)")

    # --- graph patterns ---------------------------------------------------------------------

    def group_graph_pattern(self, *, top: bool = False) -> frozenset[str]:
        """GroupGraphPattern ::= '{' ( SubSelect | GroupGraphPatternSub ) '}'"""
        opened = self.expect("{")
        saved = self.level
        self.deeper()
        sub = self.kinds[self.i] == "SELECT"
        self.found.subqueries += sub
        scope = self.sub_select() if sub else self.group_graph_pattern_sub()
        closed = self.expect("}", "'}' or a graph pattern")
        self.level = saved
        if top:
            self.found.where = (self.starts[opened] + 1, self.starts[closed], sub)
        return scope

    def group_graph_pattern_sub(self) -> frozenset[str]:
        """GroupGraphPatternSub ::= TriplesBlock? ( GraphPatternNotTriples '.'? TriplesBlock? )*"""
        scope: set[str] = set()
        triples_allowed = True
        bgp = None  # the basic graph pattern the next triples join (FILTERs do not end one)
        while True:
            kind = self.kinds[self.i]
            if kind == "}":
                return frozenset(scope)
            self.deeper()
            if kind in TERMS:
                if not triples_allowed:
                    raise self.error("'.' between triple patterns")
                if not self.graphs:
                    self.found.default_triples = True
                if bgp is None:
                    self.bgps += 1
                    bgp = self.bgps
                self.bgp = bgp
                self.triples_block(scope)
                self.bgp = None
                triples_allowed = False
                continue
            if kind != "FILTER":
                bgp = None
            if kind == "{":
                scope |= self.group_or_union_graph_pattern()
            elif kind == "OPTIONAL":
                self.take()
                scope |= self.group_graph_pattern()
            elif kind == "GRAPH" or kind == "SERVICE":
                self.take()
                if kind == "SERVICE":
                    self.accept("SILENT")
                target = self.i
                if self.kinds[target] == "VAR":
                    if kind == "GRAPH":
                        self.found.variable_graph = True
                    scope.add(self.var())
                else:
                    self.iri()
                if kind == "SERVICE":
                    self.found.services.append(self.texts[target])
                self.graphs += 1
                scope |= self.group_graph_pattern()
                self.graphs -= 1
            elif kind == "MINUS":
                self.take()
                self.group_graph_pattern()
            elif kind == "FILTER":
                self.take()
                self.constraint(set())
            elif kind == "BIND":
                self.take()
                self.expect("(")
                self.expression(set())
                self.expect("AS", "AS ?variable")
                at = self.i
                name = self.var()
                if name in scope:
                    raise self.fail(f"BIND assigns ?{name}, which is already in scope in this group", at)
                self.expect(")")
                scope.add(name)
            elif kind == "VALUES":
                self.take()
                scope |= self.data_block()
            else:
                raise self.error("a triple pattern, a graph pattern or '}'")
            self.accept(".")
            triples_allowed = True

    def group_or_union_graph_pattern(self) -> frozenset[str]:
        """GroupOrUnionGraphPattern ::= GroupGraphPattern ( 'UNION' GroupGraphPattern )*"""
        scope = self.group_graph_pattern()
        saved = self.level
        while self.accept("UNION"):
            self.deeper()
            scope |= self.group_graph_pattern()
        self.level = saved
        return scope

    # --- triples ----------------------------------------------------------------------------

    def triples_block(self, scope: set[str], *, paths: bool = True) -> None:
        """TriplesBlock ::= TriplesSameSubjectPath ( '.' TriplesBlock? )?
        (and TriplesTemplate, the same without paths)"""
        while True:
            self.triples_same_subject(scope, paths)
            if not self.accept(".") or self.kinds[self.i] not in TERMS:
                return

    def triples_template(self, scope: set[str]) -> None:
        """TriplesTemplate ::= TriplesSameSubject ( '.' TriplesTemplate? )?"""
        self.triples_block(scope, paths=False)

    def triples_same_subject(self, scope: set[str], paths: bool) -> None:
        """TriplesSameSubjectPath ::= VarOrTerm PropertyListPathNotEmpty | TriplesNodePath PropertyListPath"""
        if self.kinds[self.i] in ("(", "["):
            self.graph_node(scope, paths)
            if self.kinds[self.i] in (_PATH_STARTS if paths else _VERBS):
                self.property_list(scope, paths)
        else:
            first = self.i
            self.var_or_term(scope)
            self.property_list(scope, paths)
            if paths and self.kinds[self.i - 2] in _MODIFIERS:
                self.closure_triple(first)

    def closure_triple(self, first: int) -> None:
        """Note the triples just read when they are one pattern ``S [step/]P* O`` (or ``+``)
        with ``S`` a variable or an IRI, ``step`` an IRI or ``a``, and ``P`` and ``O`` IRIs."""
        kinds, texts = self.kinds[first : self.i], self.texts[first : self.i]
        step = None
        if len(kinds) == 6 and (kinds[1] in IRIS or kinds[1] == "a") and kinds[2] == "/":
            step, kinds, texts = texts[1], kinds[:1] + kinds[3:], texts[:1] + texts[3:]
        if (
            len(kinds) == 4
            and (kinds[0] == "VAR" or kinds[0] in IRIS)
            and kinds[1] in IRIS
            and kinds[2] in _MODIFIERS
            and kinds[3] in IRIS
        ):
            end = self.starts[self.i - 1] + len(self.texts[self.i - 1])
            self.found.closures.append(ClosureTriple(self.starts[first], end, texts[0], step, *texts[1:]))

    def property_list(self, scope: set[str], paths: bool) -> None:
        """PropertyListPathNotEmpty ::= ( VerbPath | VerbSimple ) ObjectListPath
        ( ';' ( ( VerbPath | VerbSimple ) ObjectList )? )*"""
        first = True
        while True:
            kind = self.kinds[self.i]
            if kind == "VAR":
                scope.add(self.var())
            elif paths:
                if kind not in _PATH_STARTS:
                    raise self.error("a predicate or a property path")
                self.path()
            elif kind in IRIS or kind == "a":
                self.take()
            else:
                raise self.error("a predicate")
            self.graph_node(scope, paths and first)
            self.found.triples += 1
            while self.accept(","):
                self.graph_node(scope, paths and first)
                self.found.triples += 1
            first = False
            if not self.accept(";"):
                return
            while self.accept(";"):
                pass
            if self.kinds[self.i] not in (_PATH_STARTS if paths else _VERBS):
                return

    def path(self) -> None:
        """Path ::= PathAlternative; PathAlternative ::= PathSequence ( '|' PathSequence )*;
        PathSequence ::= PathEltOrInverse ( '/' PathEltOrInverse )*; PathEltOrInverse ::= PathElt | '^' PathElt;
        PathElt ::= PathPrimary PathMod?"""
        saved = self.level
        while True:
            self.deeper()
            self.accept("^")
            kind = self.kinds[self.i]
            if kind in IRIS or kind == "a":
                self.take()
            elif kind == "!":
                self.take()
                self.path_negated_property_set()
            elif kind == "(":
                self.take()
                self.path()
                self.expect(")")
            else:
                raise self.error("an IRI, a, ^, ! or ( path )")
            if self.kinds[self.i] in ("?", "*", "+") and self.kinds[self.take()] != "?":
                self.found.closure = True
            if not self.accept("/") and not self.accept("|"):
                self.level = saved
                return

    def path_negated_property_set(self) -> None:
        """PathNegatedPropertySet ::= PathOneInPropertySet
        | '(' ( PathOneInPropertySet ( '|' PathOneInPropertySet )* )? ')'"""
        if self.accept("NIL"):
            return
        group = self.accept("(")
        while True:
            self.accept("^")
            if self.kinds[self.i] not in IRIS and self.kinds[self.i] != "a":
                raise self.error("an IRI or a")
            self.take()
            if not group or not self.accept("|"):
                break
        if group:
            self.expect(")")

    def graph_node(self, scope: set[str], paths: bool) -> None:
        """GraphNodePath ::= VarOrTerm | TriplesNodePath (Collection, BlankNodePropertyList)"""
        kind = self.kinds[self.i]
        if kind == "(":
            self.take()
            self.deeper()
            self.bnodes.add(ANON)
            self.graph_node(scope, paths)
            self.found.triples += 2  # rdf:first and rdf:rest of each member
            while not self.accept(")"):
                self.graph_node(scope, paths)
                self.found.triples += 2
            self.level -= 1
        elif kind == "[":
            self.take()
            self.deeper()
            self.bnodes.add(ANON)
            self.property_list(scope, paths)
            self.expect("]", "']' or ';'")
            self.level -= 1
        else:
            self.var_or_term(scope)

    def var_or_term(self, scope: set[str]) -> None:
        """VarOrTerm ::= Var | GraphTerm"""
        kind = self.kinds[self.i]
        if kind == "VAR":
            scope.add(self.var())
        elif kind == "STRING":
            self.rdf_literal()
        elif kind == "BNODE" or kind == "ANON":
            at = self.take()
            label = self.texts[at][2:] if kind == "BNODE" else ANON
            self.bnodes.add(label)
            if label and self.bgp is not None and self.labels.setdefault(label, self.bgp) != self.bgp:
                raise self.fail(f"the blank node _:{label} is used in two basic graph patterns; use a variable", at)
        elif kind in TERMS and kind not in ("(", "["):
            self.take()
        else:
            raise self.error("a variable or an RDF term")
