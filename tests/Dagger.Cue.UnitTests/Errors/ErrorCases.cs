namespace Dagger.Cue.UnitTests.Errors;

/// <summary>
/// The error programs. Where <see cref="ErrorCase.Difference"/> is null, the expected text is what the reference
/// CUE v0.4.0-beta.1 prints for <c>cue export x.cue</c> (checked by <see cref="ErrorMessageTests"/> against the
/// oracle); otherwise it is ours and the difference is deliberate.
/// </summary>
internal static class ErrorCases
{
    public static IReadOnlyList<ErrorCase> All { get; } =
    [
        new("conflict", "a: 1\na: 2\n", "a: conflicting values 2 and 1:\n    ./x.cue:1:4\n    ./x.cue:2:4"),
        new(
            "no-term-of-a-schema-default-admits-the-value",
            "c: *1 | int & >=0 & <=5\nc: 7\n",
            "c: 2 errors in empty disjunction:\nc: conflicting values 1 and 7:\n    ./x.cue:1:5\n    ./x.cue:2:4\nc: invalid value 7 (out of bound <=5):\n    ./x.cue:1:21\n    ./x.cue:2:4"),
        new("conflict-in-one-expression", "a: 1 & 2\n", "a: conflicting values 2 and 1:\n    ./x.cue:1:4\n    ./x.cue:1:8"),
        new(
            "every-conflict-of-a-field",
            "a: 1\na: 2\na: 3\n",
            "a: conflicting values 2 and 1:\n    ./x.cue:1:4\n    ./x.cue:2:4\na: conflicting values 3 and 1:\n    ./x.cue:1:4\n    ./x.cue:3:4"),
        new("deep-path", "a: b: c: d: 1\na: b: c: d: 2\n", "a.b.c.d: conflicting values 2 and 1:\n    ./x.cue:1:13\n    ./x.cue:2:13"),
        new(
            "reported-once-where-it-arose",
            "x: {\n\ta: \"foo\"\n}\nx: a: \"bar\"\nb: x.a\n",
            "x.a: conflicting values \"bar\" and \"foo\":\n    ./x.cue:2:5\n    ./x.cue:4:7"),
        new(
            "several-errors-sorted-by-path",
            "z: 1 & 2\na: \"x\" & \"y\"\nm: {\n\tq: true & false\n}\n",
            "a: conflicting values \"y\" and \"x\":\n    ./x.cue:2:4\n    ./x.cue:2:10\nm.q: conflicting values false and true:\n    ./x.cue:4:5\n    ./x.cue:4:12\nz: conflicting values 2 and 1:\n    ./x.cue:1:4\n    ./x.cue:1:8"),
        new(
            "definitions-and-hidden-fields-are-checked",
            "_h: 1 & 2\n#D: {a: 1 & 2}\n",
            "#D.a: conflicting values 2 and 1:\n    ./x.cue:2:9\n    ./x.cue:2:13\n_h: conflicting values 2 and 1:\n    ./x.cue:1:5\n    ./x.cue:1:9"),
        new("errors-hide-incomplete-values", "a: 1 & 2\nb: string\nc: {d: int}\n", "a: conflicting values 2 and 1:\n    ./x.cue:1:4\n    ./x.cue:1:8"),
        new("mismatched-types", "a: int\na: \"s\"\n", "a: conflicting values int and \"s\" (mismatched types int and string):\n    ./x.cue:1:4\n    ./x.cue:2:4"),
        new("list-element", "a: [...int] & [\"x\"]\n", "a.0: conflicting values \"x\" and int (mismatched types string and int):\n    ./x.cue:1:8\n    ./x.cue:1:16"),
        new(
            "empty-disjunction",
            "a: (1 | 2) & 3\n",
            "a: 2 errors in empty disjunction:\na: conflicting values 1 and 3:\n    ./x.cue:1:5\n    ./x.cue:1:14\na: conflicting values 2 and 3:\n    ./x.cue:1:9\n    ./x.cue:1:14"),
        new("unresolved-disjunction", "a: 1 | 2\n", "a: incomplete value 1 | 2"),
        new("division-by-zero", "a: 1 / 0\n", "a: failed arithmetic: division by zero:\n    ./x.cue:1:4"),
        new("invalid-operands", "a: \"x\" + 1\n", "a: invalid operands \"x\" and 1 to '+' (type string and int):\n    ./x.cue:1:4\n    ./x.cue:1:10"),
        new("undefined-field", "m: {a: 1}\nb: m.c\n", "b: undefined field c:\n    ./x.cue:2:6"),
        new("undefined-field-of-definition", "#m: {a: 1}\nb: #m.c\n", "b: undefined field c:\n    ./x.cue:2:7"),
        new("optional-field", "a: {b?: 1}\nc: a.b\n", "c: cannot reference optional field b:\n    ./x.cue:2:6"),
        new("reference-not-found", "a: 1\nb: x\n", "b: reference \"x\" not found:\n    ./x.cue:2:4"),
        new("reference-not-found-nested", "a: {\n\tb: {\n\t\tc: y\n\t}\n}\n", "a.b.c: reference \"y\" not found:\n    ./x.cue:3:6"),
        new("unused-import", "package p\nimport \"strings\"\na: 1\n", "imported and not used: \"strings\":\n    ./x.cue:2:8"),
        new("syntax", "a: {\nb: 1\n", "expected '}', found 'EOF':\n    ./x.cue:3:1", "the reference points at the end of the last token (2:6), we at the end of the file"),
        new("if-condition", "a: 1\nif a {\n\tb: 2\n}\n", "cannot use 1 (type int) as type bool:\n    ./x.cue:2:1", "the reference also lists the position of the condition's value"),
        new("builtin-argument", "import \"strings\"\na: strings.Repeat(1, 2)\n", "a: cannot use 1 (type int) as string in argument 1 to strings.Repeat:\n    ./x.cue:2:19"),
        new("builtin-too-few-arguments", "import \"strings\"\na: strings.Repeat(\"a\")\n", "a: not enough arguments in call to strings.Repeat (have 1, want 2):\n    ./x.cue:2:4"),
        new("builtin-too-many-arguments", "import \"strings\"\na: b: strings.Repeat(\"a\", 2, 3)\n", "a.b: too many arguments in call to strings.Repeat (have 3, want 2):\n    ./x.cue:2:7"),
        // The function's own error has no path in v0.4, so neither has the error of the call that wraps it.
        new("builtin-failure-has-no-path", "import \"strconv\"\nd: {x: strconv.Atoi(\"a\")}\n", "error in call to strconv.Atoi: strconv.Atoi: parsing \"a\": invalid syntax:\n    ./x.cue:2:8"),
        new("builtin-failure-passes-through-a-call", "import \"regexp\"\nf: len(regexp.Find(\"x\", \"a\")) + 1\n", "error in call to regexp.Find: no match:\n    ./x.cue:2:8"),
        new("float64-argument-that-does-not-convert", "import \"math\"\na: math.Sin(0)\n", "a: cannot use 0 (type int) as float64 in argument 0 to math.Sin: value was rounded down:\n    ./x.cue:2:4\n    ./x.cue:2:13"),
        new(
            "builtin-argument-of-go-type-int",
            "import \"strings\"\na: strings.Repeat(\"a\", \"b\")\n",
            "a: cannot use \"b\" (type string) as int in argument 2 to strings.Repeat:\n    ./x.cue:2:24"),
        new(
            "builtin-argument-struct-printed-in-full",
            "import \"strings\"\na: strings.Repeat({b: 1, #c: 2, _d: 3, e?: 4, \"f-g\": [1, \"x\", {h: null}], i: int, j: *1 | 2, k: 1 | 2, l: >1}, 2)\n",
            "a: cannot use {b:1,#c:2,_d:3,\"f-g\":[1,\"x\",{h:null}],i:int,j:(*1|2),k:(1|2),l:>1} (type struct) as string in argument 1 to strings.Repeat:\n    ./x.cue:2:19"),
        new(
            "builtin-argument-at-the-referenced-value",
            "import \"strings\"\nx: {b: 1}\nd: strings.Repeat(x.b, 2)\n",
            "d: cannot use 1 (type int) as string in argument 1 to strings.Repeat:\n    ./x.cue:2:8"),
        new(
            "builtin-argument-at-the-referenced-list",
            "import \"strings\"\nx: {c: [2]}\ne: strings.Repeat(x.c, 2)\n",
            "e: cannot use [2] (type list) as string in argument 1 to strings.Repeat:\n    ./x.cue:2:5"),
        new(
            "builtin-argument-at-the-start-of-its-expression",
            "import \"strings\"\na: strings.Repeat(1 + 1, 2)\n",
            "a: cannot use 2 (type int) as string in argument 1 to strings.Repeat:\n    ./x.cue:2:19"),
        new(
            "builtin-int-argument-overflows-int64",
            "import \"list\"\na: list.Take([1], 100000000000000000000)\n",
            "a: int 100000000000000000000 overflows int64 in argument 1 in call to list.Take:\n    ./x.cue:2:4"),
        new(
            "builtin-uint-argument-is-negative",
            "import \"strconv\"\na: strconv.FormatUint(-1, 10)\n",
            "a: cannot use -1 (type int) as uint64 in argument 0 to strconv.FormatUint:\n    ./x.cue:2:4\n    ./x.cue:2:23"),
        new(
            "builtin-non-concrete-argument",
            "import \"strings\"\nx: string\na: strings.Repeat(x, 2)\n",
            "x: incomplete value string:\n    ./x.cue:2:1\nerror in call to strings.Repeat: non-concrete value string:\n    ./x.cue:3:4",
            "an incomplete value also gets its field's position"),
        new(
            "number-list-element",
            "import \"list\"\na: list.Sum([1, \"a\"])\n",
            "a: invalid list element 1 in argument 0 to call: cannot use value \"a\" (string) as number:\n    ./x.cue:2:4\n    ./x.cue:2:17"),
        new(
            "number-list-element-by-reference",
            "import \"list\"\nx: \"a\"\na: list.Max([1, x])\n",
            "a: invalid list element 1 in argument 0 to call: cannot use value \"a\" (string) as number:\n    ./x.cue:3:4\n    ./x.cue:2:4"),
        new(
            "string-list-element",
            "import \"strings\"\nx: {b: 1}\na: strings.Join([\"a\", x], \",\")\n",
            "a: invalid list element 1 in argument 0 to call: cannot use value {b:1} (struct) as string:\n    ./x.cue:3:4\n    ./x.cue:3:23"),
        new(
            "non-concrete-list-element",
            "import \"list\"\nx: int\na: list.Sum([1, x, \"a\"])\n",
            "x: incomplete value int:\n    ./x.cue:2:1\na: non-concrete value int for element 1 of number list argument 0:\n    ./x.cue:3:4\n    ./x.cue:3:17",
            "an incomplete value also gets its field's position"),
        new(
            "list-of-lists-element",
            "import \"list\"\na: list.Concat([[1], 2])\n",
            "error in call to list.Concat: cannot use value 2 (type int) as list:\n    ./x.cue:2:4\n    ./x.cue:2:22"),
        new(
            "flatten-of-a-scalar",
            "import \"list\"\nx: \"s\"\na: list.FlattenN(x, 1)\n",
            "error in call to list.FlattenN: cannot use value \"s\" (type string) as list:\n    ./x.cue:3:4\n    ./x.cue:2:4"),
        new(
            "builtin-own-errors",
            "import (\n\t\"list\"\n\t\"strings\"\n)\na: strings.Repeat(\"a\", -1)\nb: list.Slice([1, 2, 3], 2, 1)\nc: list.Slice([1, 2, 3], -1, 2)\nd: list.Slice([1, 2, 3], 0, 4)\ne: strings.ByteSlice(\"abc\", 0, 5)\n",
            "error in call to strings.Repeat: strings: negative Repeat count:\n    ./x.cue:5:4\nerror in call to list.Slice: invalid index: 2 > 1:\n    ./x.cue:6:4\nerror in call to list.Slice: negative index:\n    ./x.cue:7:4\nerror in call to list.Slice: slice bounds out of range:\n    ./x.cue:8:4\nerror in call to strings.ByteSlice: index out of range:\n    ./x.cue:9:4"),
        new("close-of-a-number", "a: [close(1)]\n", "a.0: cannot use 1 (type int) as struct in argument 1 to close:\n    ./x.cue:1:11"),
        new("close-of-a-list-by-reference", "x: [1, \"a\"]\na: close(x) & [1, \"a\"]\n", "a: cannot use [1,\"a\"] (type list) as struct in argument 1 to close:\n    ./x.cue:1:1"),
        new("close-of-a-scalar-by-reference", "x: {b: \"s\"}\na: close(x.b)\n", "a: cannot use \"s\" (type string) as struct in argument 1 to close:\n    ./x.cue:1:8"),
        new("close-of-top", "a: close(_) & {b: 1}\n", "a: struct argument must be concrete:\n    ./x.cue:1:4"),
        new("len-of-a-number", "a: [len(1)]\n", "a.0: cannot use 1 (type int) as (string|bytes|list|struct) in argument 1 to len:\n    ./x.cue:1:9"),
        new(
            "non-concrete-operand",
            "a: int\nb: a + 1\n",
            "a: incomplete value int:\n    ./x.cue:1:1\nb: non-concrete value int in operand to +:\n    ./x.cue:2:4\n    ./x.cue:1:1",
            "an incomplete value also gets its field's position"),
        new(
            "incomplete-values",
            "a: string\nb: int\n",
            "a: incomplete value string:\n    ./x.cue:1:1\nb: incomplete value int:\n    ./x.cue:2:1",
            "an incomplete value also gets its field's position"),
        new(
            "incomplete-interpolation",
            "a: string\nb: \"x\\(a)\"\n",
            "a: incomplete value string:\n    ./x.cue:1:1\nb: invalid interpolation: non-concrete value string (type string):\n    ./x.cue:2:4\n    ./x.cue:1:1",
            "an incomplete value also gets its field's position, and a non-concrete operand the position of its field"),
        new(
            "field-not-allowed",
            "#D: {\n\ta: int\n}\nx: #D & {\n\tb: 1\n\ta: 2\n}\n",
            "x: field b not allowed (closed by #D):\n    ./x.cue:1:5\n    ./x.cue:5:2",
            "we name the definition that closed the struct; the reference also lists the position of the reference to it (4:4)"),
        new(
            "field-not-allowed-nested",
            "#A: {a: {b: int}}\nx: #A\nx: a: c: 1\n",
            "x.a: field c not allowed (closed by #A):\n    ./x.cue:1:9\n    ./x.cue:3:7",
            "we name the definition that closed the struct; the reference also lists the position of the reference to it (2:4)"),
        new("field-not-allowed-by-close", "x: close({a: 1}) & {b: 2}\n", "x: field b not allowed:\n    ./x.cue:1:10\n    ./x.cue:1:21"),
        new("out-of-bound", "a: >10\na: 5\n", "a: invalid value 5 (out of bound >10):\n    ./x.cue:1:4\n    ./x.cue:2:4"),
        new("regular-expression", "a: =~\"^a\"\na: \"bcd\"\n", "a: invalid value \"bcd\" (out of bound =~\"^a\"):\n    ./x.cue:1:4\n    ./x.cue:2:4"),
        new(
            "validator",
            "import \"strings\"\na: strings.MinRunes(3)\na: \"ab\"\n",
            "a: invalid value \"ab\" (does not satisfy strings.MinRunes(3)):\n    ./x.cue:2:4\n    ./x.cue:2:21\n    ./x.cue:3:4"),
        new(
            "validator-argument-of-the-wrong-kind",
            "import \"strings\"\na: strings.MaxRunes(\"a\") & \"ab\"\n",
            "a: cannot use \"a\" (type string) as int in argument 2 to strings.MaxRunes:\n    ./x.cue:2:21"),
        new(
            "validator-that-fails-to-run",
            "import \"strings\"\na: strings.MinRunes(int) & \"ab\"\n",
            "a: invalid value \"ab\" (does not satisfy strings.MinRunes(int)): error in call to strings.MinRunes: non-concrete value int:\n    ./x.cue:2:4\n    ./x.cue:2:21\n    ./x.cue:2:28"),
        new(
            "validator-without-arguments",
            "import \"time\"\na: time.Duration() & \"3x\"\n",
            "a: invalid value \"3x\" (does not satisfy time.Duration): error in call to time.Duration: time: unknown unit \"x\" in duration \"3x\":\n    ./x.cue:2:4\n    ./x.cue:2:22"),
        new(
            "no-default-left",
            "a: (*1|2) & (1|*2|3)\n",
            "a: no default: every disjunct that survived came from a non-default term of some disjunction:\n    ./x.cue:1:1",
            "the reference prints an empty line (v0.4 quirk, CUE-NOTES §3)"),
        new(
            "struct-against-scalar",
            "a: {b: 1}\na: 2\n",
            "a: conflicting values {...} and 2 (mismatched types struct and int):\n    ./x.cue:1:4\n    ./x.cue:2:4",
            "the reference prints the struct's value ({b:1}) and names the scalar first"),
        new("structural-cycle", "a: c: a\n", "a.c: structural cycle:\n    ./x.cue:1:4", "we give the field's position"),
        new(
            "incomplete-disjunction-of-structs",
            "x: {a: 1, c: {d: \"s\", e: [1, 2]}} | {b: int}\n",
            "x: incomplete value {a:1,c:{d:\"s\",e:[1,2]}} | {b:int}"),
        new(
            "incomplete-disjunction-shows-its-defaults",
            "x: *{a: 1} | *{b: 1} | {c: 1}\n",
            "x: incomplete value {a:1} | {b:1}"),
        new(
            "unresolved-disjunction-operand",
            "x: ({a: *1 | 2, b: 1 | 2} | {b: 2}) + 1\n",
            "x: unresolved disjunction {a:*1 | 2,b:1 | 2} | {b:2} (type struct):\n    ./x.cue:1:4"),
        new(
            "unresolved-disjunction-selected",
            "x: {a: 1, b: {c: 2}} | {a: 2}\ny: x.a\n",
            "x: incomplete value {a:1,b:{c:2}} | {a:2}\ny: unresolved disjunction {a:1,b:{c:2}} | {a:2} (type struct):\n    ./x.cue:2:4"),
        new(
            "unresolved-disjunction-indexed",
            "x: 1 | 2\ny: [1, 2, 3][x]\n",
            "x: incomplete value 1 | 2\ny: unresolved disjunction 1 | 2 (type int):\n    ./x.cue:2:4"),
        new(
            "range-over-unresolved-disjunction",
            "x: {a: 1} | {a: 2}\ny: {b: 1, for k, v in x {\"\\(k)\": v}}\n",
            "x: incomplete value {a:1} | {a:2}\ny: unresolved disjunction {a:1} | {a:2} (type struct):\n    ./x.cue:2:11"),
        new(
            "range-over-a-scalar",
            "x: {a: 1}\ny: [for v in x.a {v}]\n",
            "y: invalid operand x.a (found int, want list or struct):\n    ./x.cue:2:14"),
        new(
            "range-over-incomplete-value",
            "x: {a: _}\ny: {for k, v in x.a {\"\\(k)\": v}}\n",
            "x.a: incomplete value _:\n    ./x.cue:1:5\ny: cannot range over x.a (incomplete type _):\n    ./x.cue:2:17",
            "an incomplete value also gets its field's position"),
        new(
            "if-over-unresolved-disjunction",
            "x: 1 | 2\ny: {if x > 1 {a: 1}}\n",
            "x: incomplete value 1 | 2\ny: unresolved disjunction 1 | 2 (type int):\n    ./x.cue:2:8"),
        new(
            "preference-mark-without-disjunction",
            "#I: {r: *x}\nx: 1\n",
            "#I.r: preference mark not allowed at this position:\n    ./x.cue:1:9"),
        new(
            "preference-mark-in-a-list",
            "a: \"a-b\": [*1]\n",
            "a.\"a-b\": preference mark not allowed at this position:\n    ./x.cue:1:12"),
        new(
            "a-list-that-adds-itself-beside-a-closed-list",
            "l: [...int]\nl: [9] + l\nl: [1, 2]\n",
            "l: incompatible list lengths (2 and 2):\n    ./x.cue:1:1",
            "an error without a position gets its field's position"),
    ];
}
