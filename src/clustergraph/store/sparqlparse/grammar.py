"""The SPARQL 1.1 grammar, recursive descent: the query forms, solution modifiers and updates.

One method per production of SPARQL 1.1 Query (section 19.8) and Update (section 4), with the
production in its docstring. The static rules checked here are those of Query 18.2.4.1 (``AS``
names a new variable; with grouping, every projected variable is grouped or aggregated, and
``SELECT *`` is refused) and Update 3.1.1-3.1.3 (no variables in ``DATA``, no blank nodes where
deleting, no blank node label shared by two ``INSERT DATA`` of one request).
"""

from __future__ import annotations

from dataclasses import dataclass

from .expressions import BUILTINS
from .lex import IRIS, TERMS, SparqlSyntaxError
from .patterns import ANON, PatternGrammar

_Item = tuple[str, int, "set[str] | None", bool]  # variable, token, free variables of its expression, aggregated


#: A LIMIT or OFFSET past this counts as this (the parse does not turn 5,000 digits into a number).
_HUGE = 10**18


@dataclass
class _Modifier:
    keys: set[str] | None = None
    having_aggregate: bool = False
    order: tuple[tuple[str, bool], ...] | None = None
    ordered: bool = False
    limit: int | None = None
    offset: int = 0


def _count(text: str) -> int:
    return int(text) if len(text) < 19 else _HUGE


class Grammar(PatternGrammar):
    """A parse of one text: call :meth:`query_unit` or :meth:`update_unit` once, then read
    :attr:`found` and :attr:`peak`."""

    def query_unit(self) -> None:
        """QueryUnit ::= Prologue ( SelectQuery | ConstructQuery | DescribeQuery | AskQuery ) ValuesClause"""
        self.prologue()
        form = self.kinds[self.i]
        if form == "SELECT":
            self.select_query()
        elif form == "CONSTRUCT":
            self.construct_query()
        elif form == "DESCRIBE":
            self.describe_query()
        elif form == "ASK":
            self.ask_query()
        else:
            raise self.error("SELECT, CONSTRUCT, DESCRIBE, ASK, BASE or PREFIX")
        self.found.form = form
        self.values_clause()
        self.expect("EOF", "the end of the query")

    def select_query(self) -> None:
        """SelectQuery ::= SelectClause DatasetClause* WhereClause SolutionModifier"""
        select = self.select_clause()
        self.dataset_clauses()
        scope = self.where_clause(top=True)
        modifier = self.solution_modifier()
        self.check_projection(select, scope, modifier)
        self.outermost(modifier)

    def outermost(self, modifier: _Modifier) -> None:
        """Note the outermost solution modifier (its ORDER BY, LIMIT and OFFSET)."""
        found = self.found
        found.order_by, found.ordered, found.limit, found.offset = (
            modifier.order, modifier.ordered, modifier.limit, modifier.offset
        )

    def sub_select(self) -> frozenset[str]:
        """SubSelect ::= SelectClause WhereClause SolutionModifier ValuesClause"""
        select = self.select_clause()
        scope = self.where_clause()
        modifier = self.solution_modifier()
        projected = self.check_projection(select, scope, modifier)
        return projected | self.values_clause()

    def select_clause(self) -> tuple[bool, list[_Item]]:
        """SelectClause ::= 'SELECT' ( 'DISTINCT' | 'REDUCED' )? ( ( Var | ( '(' Expression 'AS' Var ')' ) )+ | '*' )"""
        self.expect("SELECT")
        if not self.accept("DISTINCT"):
            self.accept("REDUCED")
        if self.accept("*"):
            return True, []
        items: list[_Item] = []
        saved = self.level
        while True:
            if self.kinds[self.i] == "VAR":
                at = self.i
                items.append((self.var(), at, None, False))
            elif self.accept("("):
                free: set[str] = set()
                before = self.aggregates
                self.deeper()
                self.expression(free)
                self.expect("AS", "AS ?variable")
                at = self.i
                items.append((self.var(), at, free, self.aggregates > before))
                self.expect(")")
            else:
                break
        self.level = saved
        if not items:
            raise self.error("a variable, ( expression AS ?variable ), or *")
        return False, items

    def check_projection(
        self,
        select: tuple[bool, list[_Item]],
        scope: frozenset[str],
        modifier: _Modifier,
    ) -> frozenset[str]:
        """The rules of 18.2.4.1 on a projection; returns the variables it projects."""
        star, items = select
        keys = modifier.keys or set()
        grouped = modifier.keys is not None or modifier.having_aggregate or any(agg for *_, agg in items)
        if star:
            if grouped:
                raise SparqlSyntaxError(
                    "SELECT * cannot be used with GROUP BY or aggregates; name the projected variables"
                )
            return scope
        seen: set[str] = set()
        for name, at, free, _ in items:
            if free is not None:
                if name in scope:
                    raise self.fail(f"SELECT (... AS ?{name}) names a variable of the WHERE clause; choose another", at)
                if name in seen:
                    raise self.fail(f"SELECT assigns ?{name} twice", at)
                loose = free - keys - seen if grouped else set()
                if loose:
                    raise self.fail(f"?{sorted(loose)[0]} is neither grouped (GROUP BY) nor inside an aggregate", at)
            elif grouped and name not in keys:
                raise self.fail(f"?{name} is projected but neither grouped (GROUP BY ?{name}) nor aggregated", at)
            seen.add(name)
        return frozenset(seen)

    def construct_query(self) -> None:
        """ConstructQuery ::= 'CONSTRUCT' ( ConstructTemplate DatasetClause* WhereClause SolutionModifier |
        DatasetClause* 'WHERE' '{' TriplesTemplate? '}' SolutionModifier )"""
        self.expect("CONSTRUCT")
        if self.kinds[self.i] == "{":
            self.take()
            if self.kinds[self.i] != "}":
                self.triples_template(set())
            self.expect("}")
            self.found.triples = 0  # a template's triples are not matched
            self.dataset_clauses()
            self.where_clause(top=True)
        else:
            self.dataset_clauses()
            self.expect("WHERE", "{ or WHERE")
            self.expect("{")
            if self.kinds[self.i] != "}":
                self.triples_template(set())
            self.expect("}")
        self.outermost(self.solution_modifier())

    def describe_query(self) -> None:
        """DescribeQuery ::= 'DESCRIBE' ( VarOrIri+ | '*' ) DatasetClause* WhereClause? SolutionModifier"""
        self.expect("DESCRIBE")
        if not self.accept("*"):
            if self.kinds[self.i] not in IRIS and self.kinds[self.i] != "VAR":
                raise self.error("a variable, an IRI or *")
            while self.kinds[self.i] in IRIS or self.kinds[self.i] == "VAR":
                self.take()
        self.dataset_clauses()
        if self.kinds[self.i] in ("WHERE", "{"):
            self.where_clause(top=True)
        self.outermost(self.solution_modifier())

    def ask_query(self) -> None:
        """AskQuery ::= 'ASK' DatasetClause* WhereClause SolutionModifier"""
        self.expect("ASK")
        self.dataset_clauses()
        self.where_clause(top=True)
        self.outermost(self.solution_modifier())

    def dataset_clauses(self) -> None:
        """DatasetClause ::= 'FROM' ( DefaultGraphClause | NamedGraphClause )"""
        while self.accept("FROM"):
            named = self.accept("NAMED")
            (self.found.named_graphs if named else self.found.default_graphs).append(self.iri())

    def where_clause(self, *, top: bool = False) -> frozenset[str]:
        """WhereClause ::= 'WHERE'? GroupGraphPattern"""
        self.accept("WHERE")
        return self.group_graph_pattern(top=top)

    def solution_modifier(self) -> _Modifier:
        """SolutionModifier ::= GroupClause? HavingClause? OrderClause? LimitOffsetClauses?"""
        modifier = _Modifier()
        if self.accept("GROUP"):
            self.expect("BY")
            self.found.grouped = True
            modifier.keys = set()
            while True:
                key = self.group_condition()
                if key is False:
                    break
                if isinstance(key, str):
                    modifier.keys.add(key)
            if self.kinds[self.i - 1] == "BY":
                raise self.error("a GROUP BY condition")
        if self.accept("HAVING"):
            before = self.aggregates
            self.constraint(set())
            while self.kinds[self.i] in ("(",) or self.kinds[self.i] in IRIS or self.kinds[self.i] in BUILTINS:
                self.constraint(set())
            modifier.having_aggregate = self.aggregates > before
        if self.accept("ORDER"):
            self.expect("BY")
            pairs: list[tuple[str, bool] | None] = []
            while True:
                kind = self.kinds[self.i]
                if kind in ("ASC", "DESC"):
                    self.take()
                    if self.kinds[self.i] != "(":
                        raise self.error("( expression )")
                    single = self.primary(set())
                    pairs.append((single, kind == "DESC") if single else None)
                elif kind == "VAR":
                    pairs.append((self.var(), False))
                elif kind == "(" or kind in IRIS or (kind in BUILTINS and kind != "NOT"):
                    single = self.constraint(set())
                    pairs.append((single, False) if single else None)
                else:
                    break
            if not pairs:
                raise self.error("an ORDER BY condition")
            modifier.order = None if None in pairs else tuple(p for p in pairs if p is not None)
            modifier.ordered = True
        limited = offset = False
        for _ in range(2):  # LimitOffsetClauses ::= LimitClause OffsetClause? | OffsetClause LimitClause?
            if not limited and self.accept("LIMIT"):
                limited = True
                modifier.limit = _count(self.texts[self.expect("INTEGER", "an integer")])
            elif not offset and self.accept("OFFSET"):
                offset = True
                modifier.offset = _count(self.texts[self.expect("INTEGER", "an integer")])
        return modifier

    def group_condition(self) -> str | bool | None:
        """GroupCondition ::= BuiltInCall | FunctionCall | '(' Expression ( 'AS' Var )? ')' | Var

        Returns the variable it groups by, ``None`` for an expression, ``False`` for no condition.
        """
        kind = self.kinds[self.i]
        if kind == "VAR":
            return self.var()
        if kind == "(":
            self.take()
            self.deeper()
            single = self.expression(set())
            if self.accept("AS"):
                single = self.var()
            self.expect(")")
            self.level -= 1
            return single
        if kind in IRIS:
            self.take()
            self.arg_list(set())
            return None
        if kind in BUILTINS and kind != "NOT":
            self.builtin_call(set())
            return None
        return False


    # --- updates ----------------------------------------------------------------------------

    def update_unit(self) -> None:
        """Update ::= Prologue ( Update1 ( ';' Update )? )?"""
        labelled: set[str] = set()
        while True:
            self.prologue()
            if self.kinds[self.i] == "EOF":
                break
            self.update1(labelled)
            if not self.accept(";"):
                break
        self.expect("EOF", "';' or the end of the update")

    def update1(self, labelled: set[str]) -> None:
        """Update1 ::= Load | Clear | Drop | Add | Move | Copy | Create | InsertData | DeleteData
        | DeleteWhere | Modify"""
        at = self.i
        kind = self.kinds[at]
        if kind == "LOAD":
            self.take()
            self.accept("SILENT")
            self.found.loads.append(self.iri())
            if self.accept("INTO"):
                self.expect("GRAPH")
                self.iri()
        elif kind in ("CLEAR", "DROP", "CREATE"):
            self.take()
            self.accept("SILENT")
            if kind != "CREATE" and self.kinds[self.i] in ("DEFAULT", "NAMED", "ALL"):
                self.take()
            else:
                self.expect("GRAPH", "GRAPH <iri>" if kind == "CREATE" else "GRAPH <iri>, DEFAULT, NAMED or ALL")
                self.iri()
        elif kind in ("ADD", "MOVE", "COPY"):
            self.take()
            self.accept("SILENT")
            self.graph_or_default()
            self.expect("TO")
            self.graph_or_default()
        elif kind == "INSERT" and self.kinds[at + 1] == "DATA":
            self.i += 2
            labels = self.quad_pattern("INSERT DATA", variables=False, blank_nodes=True) - {ANON}
            shared = labels & labelled
            if shared:
                raise self.fail(f"the blank node _:{sorted(shared)[0]} is used by two INSERT DATA operations of"
                                " one request; give each its own label", at)
            labelled |= labels
        elif kind == "DELETE" and self.kinds[at + 1] in ("DATA", "WHERE"):
            self.i += 2
            what = f"DELETE {self.kinds[at + 1]}"
            opened = self.i
            self.quad_pattern(what, variables=what == "DELETE WHERE", blank_nodes=False)
            if what == "DELETE WHERE":
                self.found.delete_wheres.append((self.starts[at], self.starts[opened], self.starts[self.i - 1] + 1))
        elif kind in ("WITH", "DELETE", "INSERT"):
            self.modify()
        else:
            raise self.error("an update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, ADD, MOVE, COPY, WITH)")

    def modify(self) -> None:
        """Modify ::= ( 'WITH' iri )? ( DeleteClause InsertClause? | InsertClause ) UsingClause*
        'WHERE' GroupGraphPattern"""
        if self.accept("WITH"):
            self.iri()
        if self.accept("DELETE"):
            self.quad_pattern("a DELETE template", variables=True, blank_nodes=False)
            if self.accept("INSERT"):
                self.quad_pattern("INSERT", variables=True, blank_nodes=True)
        else:
            self.expect("INSERT", "DELETE or INSERT")
            self.quad_pattern("INSERT", variables=True, blank_nodes=True)
        while self.accept("USING"):
            self.accept("NAMED")
            self.iri()
        self.expect("WHERE", "USING or WHERE")
        self.group_graph_pattern()

    def graph_or_default(self) -> None:
        """GraphOrDefault ::= 'DEFAULT' | 'GRAPH'? iri"""
        if not self.accept("DEFAULT"):
            self.accept("GRAPH")
            self.iri()

    def quad_pattern(self, what: str, *, variables: bool, blank_nodes: bool) -> set[str]:
        """QuadPattern ::= '{' Quads '}'; Quads ::= TriplesTemplate? ( QuadsNotTriples '.'? TriplesTemplate? )*;
        QuadsNotTriples ::= 'GRAPH' VarOrIri '{' TriplesTemplate? '}'

        Returns the blank node labels it holds (``""`` for unlabelled ones).
        """
        at = self.expect("{")
        scope: set[str] = set()
        self.bnodes = set()
        triples_allowed = True
        while not self.accept("}"):
            if self.accept("GRAPH"):
                if self.kinds[self.i] == "VAR":
                    scope.add(self.var())
                else:
                    self.iri()
                self.expect("{")
                if self.kinds[self.i] != "}":
                    self.triples_template(scope)
                self.expect("}", "'.' or '}'")
                self.accept(".")
                triples_allowed = True
            elif triples_allowed and self.kinds[self.i] in TERMS:
                self.triples_template(scope)
                triples_allowed = False
            else:
                raise self.error("a triple, GRAPH or '}'")
        if scope and not variables:
            raise self.fail(f"{what} cannot hold variables (?{sorted(scope)[0]}); use INSERT/DELETE ... WHERE", at)
        if self.bnodes and not blank_nodes:
            raise self.fail(f"{what} cannot hold blank nodes; name the resources, or use variables and WHERE", at)
        return self.bnodes
