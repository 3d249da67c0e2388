"""The SPARQL 1.1 grammar, recursive descent: expressions (SPARQL 1.1 Query, section 19.8).

One method per production, with the production in its docstring. An expression adds the
variables it uses outside aggregates to a set and counts its aggregates, for the rules on
grouping (Query 18.2.4.1). The operators of ``ConditionalOrExpression`` down to
``MultiplicativeExpression`` are read in one loop (the engine decides precedence; this parse only
has to accept what the grammar accepts), which also keeps the recursion to three frames per
bracket.
"""

from __future__ import annotations

from .lex import IRIS, NUMBERS, Cursor

_COMPARE = frozenset(["=", "!=", "<", ">", "<=", ">="])
_OPERATORS = _COMPARE | frozenset(["||", "&&", "+", "-", "*", "/"])
AGGREGATES = frozenset(["COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"])
#: Built-in functions by their number of arguments (at least, at most); none takes ``()``.
_ARITY = {
    **dict.fromkeys(
        [
            "STR", "LANG", "DATATYPE", "IRI", "URI", "ABS", "CEIL", "FLOOR", "ROUND", "STRLEN", "UCASE", "LCASE",
            "ENCODE_FOR_URI", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "MD5",
            "SHA1", "SHA256", "SHA384", "SHA512", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC"
        ],
        (1, 1),
    ),
    **dict.fromkeys(
        ["LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "STRLANG", "STRDT", "SAMETERM"],
        (2, 2),
    ),
    **dict.fromkeys(["RAND", "NOW", "UUID", "STRUUID"], (0, 0)),
    "IF": (3, 3),
    "REGEX": (2, 3),
    "SUBSTR": (2, 3),
    "REPLACE": (3, 4),
}
BUILTINS = frozenset(_ARITY) | AGGREGATES | {"BOUND", "BNODE", "CONCAT", "COALESCE", "EXISTS", "NOT"}


class ExpressionGrammar(Cursor):
    """Expressions, function calls and the built-ins."""

    def group_graph_pattern(self, *, top: bool = False) -> frozenset[str]:
        """GroupGraphPattern (in :mod:`.patterns`), for EXISTS."""
        raise NotImplementedError

    def constraint(self, free: set[str]) -> str | None:
        """Constraint ::= BrackettedExpression | BuiltInCall | FunctionCall

        Returns the variable when the constraint is ``( ?variable )``.
        """
        kind = self.kinds[self.i]
        if kind == "(":
            return self.primary(free)
        if kind in IRIS:
            self.take()
            if self.kinds[self.i] not in ("(", "NIL"):
                raise self.error("( arguments ) of the function")
            self.arg_list(free)
            return None
        if kind in BUILTINS:
            self.builtin_call(free)
            return None
        raise self.error("( expression ), a function call or a built-in call")

    def rdf_literal(self) -> None:
        """RDFLiteral ::= String ( LANGTAG | ( '^^' iri ) )?"""
        self.expect("STRING", "a string")
        if not self.accept("LANGTAG") and self.accept("^^"):
            self.iri()

    def expression(self, free: set[str]) -> str | None:
        """Expression ::= ConditionalOrExpression (down to UnaryExpression, read as operands and
        operators in one loop); returns the variable when the expression is one."""
        saved = self.level
        single = self.unary(free)
        relation = ""  # "", "compare" or "in": a relational expression has one operator at most
        while True:
            kind = self.kinds[self.i]
            if kind in _OPERATORS and not (relation == "in" and kind not in ("||", "&&")):
                if kind in _COMPARE:
                    if relation:
                        raise self.error("&&, || or ) after a comparison")
                    relation = "compare"
                elif kind in ("||", "&&"):
                    relation = ""
                self.take()
                self.deeper()
                self.unary(free)
            elif kind == "SIGNED" and relation != "in":  # "?x +1" adds a positive number
                self.take()
                self.deeper()
            elif (kind == "IN" or (kind == "NOT" and self.kinds[self.i + 1] == "IN")) and not relation:
                self.take()
                self.accept("IN")
                relation = "in"
                self.expression_list(free)
            else:
                break
            single = None
        self.level = saved
        return single

    def unary(self, free: set[str]) -> str | None:
        """UnaryExpression ::= ( '!' | '+' | '-' )? PrimaryExpression"""
        if self.kinds[self.i] in ("!", "+", "-"):
            self.take()
            self.primary(free)
            return None
        return self.primary(free)

    def primary(self, free: set[str]) -> str | None:
        """PrimaryExpression ::= BrackettedExpression | BuiltInCall | iriOrFunction | RDFLiteral
        | NumericLiteral | BooleanLiteral | Var"""
        kind = self.kinds[self.i]
        if kind == "VAR":
            name = self.var()
            free.add(name)
            return name
        if kind == "(":
            self.take()
            self.deeper()
            single = self.expression(free)
            self.expect(")", "an operator or ')'")
            self.level -= 1
            return single
        if kind in IRIS:
            self.take()
            if self.kinds[self.i] in ("(", "NIL"):
                self.arg_list(free)
        elif kind == "STRING":
            self.rdf_literal()
        elif kind in NUMBERS or kind == "TRUE" or kind == "FALSE":
            self.take()
        elif kind in BUILTINS:
            self.builtin_call(free)
        else:
            raise self.error("an expression")
        return None

    def builtin_call(self, free: set[str]) -> None:
        """BuiltInCall ::= Aggregate | 'STR' '(' Expression ')' | ... | ExistsFunc | NotExistsFunc"""
        at = self.take()
        name = self.kinds[at]
        saved = self.level
        self.deeper()
        if name in AGGREGATES:
            self.aggregate(name)
        elif name == "NOT" or name == "EXISTS":
            if name == "NOT":
                self.expect("EXISTS", "EXISTS")
            self.group_graph_pattern()
        elif name == "CONCAT" or name == "COALESCE":
            self.expression_list(free)
        elif name == "BOUND":
            self.expect("(")
            free.add(self.var())
            self.expect(")")
        elif name == "BNODE" and self.accept("NIL"):
            pass
        else:
            low, high = _ARITY.get(name, (1, 1))
            if high == 0:
                self.expect("NIL", f"() after {name}")
            else:
                self.expect("(", f"( after {name}")
                count = 1
                self.expression(free)
                while count < high and self.accept(","):
                    self.expression(free)
                    count += 1
                if count < low:
                    raise self.fail(f"{name} takes {low} arguments", at)
                self.expect(")", f"',' or ')' ({name} takes {low if low == high else f'{low} to {high}'})")
        self.level = saved

    def aggregate(self, name: str) -> None:
        """Aggregate ::= 'COUNT' '(' 'DISTINCT'? ( '*' | Expression ) ')' | 'SUM' ... | 'GROUP_CONCAT' '('
        'DISTINCT'? Expression ( ';' 'SEPARATOR' '=' String )? ')'"""
        self.aggregates += 1
        self.expect("(", f"( after {name}")
        self.accept("DISTINCT")
        if not (name == "COUNT" and self.accept("*")):
            self.expression(set())
        if name == "GROUP_CONCAT" and self.accept(";"):
            self.expect("SEPARATOR")
            self.expect("=")
            self.expect("STRING", "a string")
        self.expect(")")

    def arg_list(self, free: set[str]) -> None:
        """ArgList ::= NIL | '(' 'DISTINCT'? Expression ( ',' Expression )* ')'"""
        if self.accept("NIL"):
            return
        self.expect("(")
        self.deeper()
        self.accept("DISTINCT")
        self.expression(free)
        while self.accept(","):
            self.expression(free)
        self.expect(")", "',' or ')'")
        self.level -= 1

    def expression_list(self, free: set[str]) -> None:
        """ExpressionList ::= NIL | '(' Expression ( ',' Expression )* ')'"""
        if self.accept("NIL"):
            return
        self.expect("(", "( expressions )")
        self.deeper()
        self.expression(free)
        while self.accept(","):
            self.expression(free)
        self.expect(")", "',' or ')'")
        self.level -= 1
