namespace Dagger.Cue.UnitTests.Fidelity;

/// <summary>
/// Reductions of real CUE (dagger's v0.1 and v0.2 universes) on which we once differed from the reference, in our
/// own words. <see cref="FidelityTests"/> checks every row against the reference too.
/// </summary>
internal static class FidelityCases
{
    public static IReadOnlyList<FidelityCase> All { get; } =
    [
        // --out text prints a string as it is, with one line break after it; any other value is an error.
        FidelityCase.Of(
            "export-a-string-as-text",
            "export -e config --out text x.cue",
            "import \"text/template\"\n\nports: {web: 80, db: 5432}\nconfig: template.Execute(\"{{range $k, $v := .}}{{$k}}={{$v}}\\n{{end}}\", ports)\n",
            "db=5432\nweb=80\n\n"),
        FidelityCase.Of(
            "export-a-number-as-text",
            "export -e n --out text x.cue",
            "n: 3\n",
            "",
            exitCode: 1),
        // A schema's scalar defaults (dagger's `*"/bin/sh" | "/bin/bash"`): equal terms merge, a marked one wins, a
        // disjunction whose marked terms all died has no default, and a reference takes the disjunction along.
        FidelityCase.Of(
            "scalar-defaults",
            "eval x.cue",
            "a: *\"x\" | \"y\"\nb: a & \"y\"\nc: *1 | int & >=0 & <=5\nd: *1 | 1 | 2\ne: (*1 | 2 | 3) & >1\nf: *\"a\" | \"b\" | \"a\"\ng: string | *\"z\"\nh: g & \"q\"\ni: *true | bool\nj: *null | string\n",
            "a: \"x\"\nb: \"y\"\nc: 1\nd: 1\ne: 2 | 3\nf: \"a\"\ng: \"z\"\nh: \"q\"\ni: true\nj: null\n"),
        // A comprehension is an embedding: what it yields decides what the literal is.
        FidelityCase.Of(
            "comprehension-yields-a-list",
            "export x.cue",
            "args: { if true { [\"-q\", \"run\"] } }\n",
            "{\n    \"args\": [\n        \"-q\",\n        \"run\"\n    ]\n}\n"),
        FidelityCase.Of(
            "list-comprehension-yields-lists",
            "export x.cue",
            "import \"list\"\n\nflags: {\"-v\": true, \"-n\": false}\nargv: list.FlattenN([for k, v in flags { if v {[k]} }], 1)\n",
            "{\n    \"flags\": {\n        \"-v\": true,\n        \"-n\": false\n    },\n    \"argv\": [\n        \"-v\",\n        {}\n    ]\n}\n"),
        FidelityCase.Of(
            "comprehension-yielding-nothing-leaves-a-struct",
            "eval x.cue",
            "a: {if false {[1]}}\nb: {_, if false {c: 1}}\n",
            "a: {}\nb: _\n"),
        // Such a struct stays open to a scalar after `+` or a builtin copied it into another list.
        FidelityCase.Of(
            "struct-of-nothing-copied-into-a-list-meets-a-string",
            "eval x.cue",
            "import \"list\"\n\nname: string\nopts: {\"--out\": name, \"--quiet\": true}\nargv: list.FlattenN([for k, v in opts { if (v & bool) != _|_ {[k]} }], 1)\ntyped: [...string] & ([\"run\"] + argv)\n",
            "name: string\nopts: {\n    \"--out\":   string\n    \"--quiet\": true\n}\nargv: [{}, \"--quiet\"]\ntyped: [\"run\", string, \"--quiet\"]\n"),
        // A definition embedded in a literal inside another definition joins that definition's closed group.
        FidelityCase.Of(
            "definition-embedded-under-a-closed-field",
            "export x.cue",
            "#Mount: {path: string}\n#Task: {input: {#Mount | string}}\ntask: #Task & {input: #Mount & {path: \"/src\"}}\n",
            "{\n    \"task\": {\n        \"input\": {\n            \"path\": \"/src\"\n        }\n    }\n}\n"),
        FidelityCase.Of(
            "definition-embedded-in-a-pattern-of-a-definition",
            "export x.cue",
            "#Mount: {path: string}\n#Mounts: {[!=\"self\"]: {#Mount}}\nm: #Mounts & {cache: #Mount & {path: \"/c\"}}\n",
            "{\n    \"m\": {\n        \"cache\": {\n            \"path\": \"/c\"\n        }\n    }\n}\n"),
        FidelityCase.Of(
            "one-definition-through-two-closed-contexts",
            "export x.cue",
            "#Doc: {null | {jobs?: {n: int}}}\n_#withJobs: #Doc & {jobs: {n: 1}}\nd: #Doc & _#withJobs\n",
            "{\n    \"d\": {\n        \"jobs\": {\n            \"n\": 1\n        }\n    }\n}\n"),
        // v0.4 quirk (docs/cue-fidelity.md): a definition met inside one embedding closes only what comes through
        // that embedding, so a sibling embedding of the same literal may add fields (dagger's test plans, whose
        // files each embed `dagger.#Plan & {actions: test: ...}`).
        FidelityCase.Of(
            "sibling-embedding-adds-to-a-definition",
            "export x.cue",
            "#D: {x: int}\np: {\n\t{a: #D & {x: 1}}\n\t{a: {y: 2}}\n}\n",
            "{\n    \"p\": {\n        \"a\": {\n            \"x\": 1,\n            \"y\": 2\n        }\n    }\n}\n"),
        FidelityCase.Of(
            "file-embeddings-add-to-a-definition",
            "export -e actions.test x.cue",
            "#D: {x: int}\n#Plan: {actions: _}\n#Plan & {actions: test: #D & {x: 1}}\n#Plan & {actions: test: {y: 2}}\n",
            "{\n    \"x\": 1,\n    \"y\": 2\n}\n"),
        FidelityCase.Of(
            "same-embedding-stays-closed-by-a-definition",
            "export x.cue",
            "#D: {x: int}\np: {\n\t{a: #D & {x: 1}, a: {y: 2}}\n}\n",
            "",
            exitCode: 1),
        FidelityCase.Of(
            "embedded-definition-closes-fields-added-outside",
            "export x.cue",
            "#S: {a: {x: 1}}\np: {#S}\np: a: {y: 1}\n",
            "",
            exitCode: 1),
        // Like cue/format, a field whose value is a multi-line string is aligned with no neighbour, and one whose value
        // goes on over more lines otherwise is the last of its run of aligned values.
        FidelityCase.Of(
            "multi-line-string-stands-out-of-alignment",
            "eval x.cue",
            "a: {\n\tdo: \"x\"\n\tcontent: \"l1\\nl2\"\n\tdest: \"y\"\n\tmode: 1\n}\nb: {\n\tcontent: \"l1\\nl2\"\n\tdo: \"x\"\n\tdestination: \"y\"\n}\nc: {\n\tlonger: \"x\"\n\tdo: \"x\"\n\tcontent: \"l1\\nl2\"\n}\nd: {\n\tx: 1\n\tcontent: \"\"\"\n\t\tl1\n\t\tl2\n\t\t\"\"\"\n\tmode: 1\n}\n",
            "a: {\n    do: \"x\"\n    content: \"\"\"\n        l1\n        l2\n        \"\"\"\n    dest: \"y\"\n    mode: 1\n}\nb: {\n    content: \"\"\"\n        l1\n        l2\n        \"\"\"\n    do:          \"x\"\n    destination: \"y\"\n}\nc: {\n    longer: \"x\"\n    do:     \"x\"\n    content: \"\"\"\n        l1\n        l2\n        \"\"\"\n}\nd: {\n    x: 1\n    content: \"\"\"\n        l1\n        l2\n        \"\"\"\n    mode: 1\n}\n"),
        FidelityCase.Of(
            "multi-line-expression-ends-an-alignment-run",
            "eval x.cue",
            "x: string\ny: _\ne: {\n\ta: 1\n\tbb: y & {\n\t\tc: int\n\t}\n\tccc: \"l1\\nl2\"\n\td: 2\n\tfor k in [x] {(k): 1}\n}\n",
            "x: string\ny: _\ne: {\n    a:  1\n    bb: y & {\n        c: int\n    }\n    ccc: \"\"\"\n        l1\n        l2\n        \"\"\"\n    d: 2\n    for k in [x] {\n        (k): 1\n    }\n}\n"),
        // v0.4 adds lists as `[for x in l1 {x}, for x in l2 {x}]`: an element that is not complete yet prints as `x`.
        FidelityCase.Of(
            "incomplete-element-of-a-list-sum-prints-as-x",
            "eval x.cue",
            "s: string\n#R: {args: [...string]}\nr: #R & {args: [\"\\(s)/x\"] + [\"b\"]}\nq: [\"\\(s)/x\"] + [\"b\"]\n",
            "s: string\n#R: {\n    args: []\n}\nr: {\n    args: [x & string, \"b\"]\n}\nq: [x, \"b\"]\n"),
        // A pattern's label alias printed outside that pattern (in a field the pattern made) shows as `string`, as v0.4
        // has no label at hand there; inside the printed pattern it keeps its name.
        FidelityCase.Of(
            "label-alias-outside-its-pattern-prints-as-string",
            "eval x.cue",
            "import \"strings\"\ns: string\np: {\n\t[X=string]: {a: X, b: \"\\(s)-\\(X)\", c: strings.TrimSpace(s) & X}\n}\np: foo: {}\nq: {\n\t[Y=string]: {a: strings.TrimSpace(s) & Y}\n\tfor k in [s] {(k): 1}\n}\n",
            "import \"strings\"\n\ns: string\np: {\n    foo: {\n        a: \"foo\"\n        b: \"\\(s)-\\(string)\"\n        c: strings.TrimSpace(s) & string\n    }\n}\nq: {\n    [Y=string]: {\n        a: strings.TrimSpace(s) & Y\n    }\n    for k in [s] {\n        (k): 1\n    }\n}\n"),
        // eval -e fails on a selected value that is itself incomplete, as the reference does, and prints anything else.
        FidelityCase.Of(
            "eval-e-of-an-incomplete-value-fails",
            "eval -e b x.cue",
            "a: string\nb: \"x\\(a)\"\nc: {d: \"x\\(a)\", e: 1}\nl: [\"x\\(a)\"]\nx: 1 | 2\nz: {for k in [a] {(k): 1}}\n",
            "",
            exitCode: 1),
        FidelityCase.Of(
            "eval-e-of-an-incomplete-element-fails",
            "eval -e l[0] x.cue",
            "a: string\nb: \"x\\(a)\"\nc: {d: \"x\\(a)\", e: 1}\nl: [\"x\\(a)\"]\nx: 1 | 2\nz: {for k in [a] {(k): 1}}\n",
            "",
            exitCode: 1),
        FidelityCase.Of(
            "eval-e-of-a-struct-with-incomplete-fields-prints",
            "eval -e c x.cue",
            "a: string\nb: \"x\\(a)\"\nc: {d: \"x\\(a)\", e: 1}\nl: [\"x\\(a)\"]\nx: 1 | 2\nz: {for k in [a] {(k): 1}}\n",
            "d: \"x\\(a)\"\ne: 1\n"),
        FidelityCase.Of(
            "eval-e-of-a-disjunction-prints",
            "eval -e x x.cue",
            "a: string\nb: \"x\\(a)\"\nc: {d: \"x\\(a)\", e: 1}\nl: [\"x\\(a)\"]\nx: 1 | 2\nz: {for k in [a] {(k): 1}}\n",
            "1 | 2\n"),
        FidelityCase.Of(
            "eval-e-of-a-struct-whose-comprehension-waits-fails",
            "eval -e z x.cue",
            "a: string\nb: \"x\\(a)\"\nc: {d: \"x\\(a)\", e: 1}\nl: [\"x\\(a)\"]\nx: 1 | 2\nz: {for k in [a] {(k): 1}}\n",
            "",
            exitCode: 1),
        // A dynamic label that is a string type, not yet a string, is incomplete, not an invalid label: eval keeps the
        // comprehension that made it, and export fails as incomplete.
        FidelityCase.Of(
            "dynamic-label-of-a-string-type-is-incomplete",
            "eval x.cue",
            "l: [string]\ne: {for x in l {(x): 1}}\n",
            "l: [string]\ne: {\n    for x in l {\n        (x): 1\n    }\n}\n"),
        // Printing unevaluated expressions as v0.4 does: a blank before a comprehension that opens a list, a one-line
        // string literal holding a newline in multi-line form, and empty lines of a multi-line string left empty.
        FidelityCase.Of(
            "unevaluated-lists-and-strings-print-as-the-reference",
            "eval x.cue",
            "import \"strings\"\n\nl: [string]\nx: {\n\ty: strings.Join([for s in l {s}, \"q\"], \"p\\nq\")\n\tz: \"\\(l[0])\\n\\nb\\n\"\n}\n",
            "import \"strings\"\n\nl: [string]\nx: {\n    y: strings.Join([ for s in l {\n        s\n    }, \"q\"], \"\"\"\n        p\n        q\n        \"\"\")\n    z: \"\"\"\n        \\(l[0])\n\n        b\n\n        \"\"\"\n}\n"),
        // A field selected by a quoted label keeps its quotes where an unevaluated expression is printed.
        FidelityCase.Of(
            "selector-of-a-quoted-label-stays-quoted",
            "eval x.cue",
            "files: {\"/output.json\": \"x\", plain: \"y\"}\na: {\n\tb: files.\"/output.json\" + c\n\tc: string\n\td: files.plain + c\n}\n",
            "files: {\n    \"/output.json\": \"x\"\n    plain:          \"y\"\n}\na: {\n    b: files.\"/output.json\" + c\n    c: string\n    d: files.plain + c\n}\n"),
        // Each embedded struct of a closed definition widens what it allows: a disjunction of them met three times
        // allows the fields of any three of its terms, so equal partial disjuncts that allow different fields stay
        // apart until the last disjunction is chosen.
        FidelityCase.Of(
            "repeated-embedded-disjunction-allows-what-its-choices-embed",
            "export x.cue",
            "#Pick: {{a: 1} | {b: 2} | {c: 3}}\n#Pick: {{a: 1} | {b: 2} | {c: 3}}\n#Pick: {{a: 1} | {b: 2} | {c: 3}}\nall: #Pick & {a: 1, b: 2, c: 3}\n",
            "{\n    \"all\": {\n        \"a\": 1,\n        \"b\": 2,\n        \"c\": 3\n    }\n}\n"),
        FidelityCase.Of(
            "embedded-disjunction-met-once-allows-one-choice",
            "export x.cue",
            "#Pick: {{a: 1} | {b: 2} | {c: 3}}\nboth: #Pick & {a: 1, b: 2}\n",
            "",
            exitCode: 1),
        // Definitions declared beside an embedded scalar or list stay on the value: printed and selectable.
        FidelityCase.Of(
            "definitions-beside-an-embedded-scalar",
            "eval x.cue",
            "ref: {\n\tstring\n\t#steps: [\"fetch\", \"read\"]\n}\nlist: {[1, 2], #origin: \"cli\"}\nsteps: ref.#steps\n",
            "ref: {\n    string\n    #steps: [\"fetch\", \"read\"]\n}\nlist: {\n    #origin: \"cli\"\n    [1, 2]\n}\nsteps: [\"fetch\", \"read\"]\n"),
        FidelityCase.Of(
            "select-a-definition-beside-a-scalar",
            "eval -e ref.#steps x.cue",
            "ref: {\n\t\"v1\"\n\t#steps: 2\n}\n",
            "2\n"),
        // @if(tag) build attributes decide which files of a package take part; -t sets tags and injects values.
        new(
            "if-attribute-leaves-a-file-out",
            ["export"],
            "{\n    \"replicas\": 1\n}\n",
            [("base.cue", "package deploy\n\nreplicas: 1\n"), ("prod.cue", "@if(prod)\n\npackage deploy\n\nreplicas: 3\n")]),
        new(
            "if-attribute-with-the-tag-set",
            ["export", "-t", "prod", "-e", "replicas"],
            "3\n",
            [("base.cue", "package deploy\n\nreplicas: *1 | int\n"), ("prod.cue", "@if(prod && !dev)\n\npackage deploy\n\nreplicas: 3\n")]),
        new(
            "tag-attribute-takes-an-injected-value",
            ["export", "-t", "env=staging", "-t", "port=8080", "x.cue"],
            "{\n    \"env\": \"staging\",\n    \"port\": 8080\n}\n",
            [("x.cue", "env:  *\"dev\" | string @tag(env)\nport: int @tag(port,type=int)\n")]),
        // v0.4 quirk (docs/cue-fidelity.md): a field a closed definition does not allow escapes the check when a
        // reference completed it first and it has a disjunction.
        FidelityCase.Of(
            "referenced-disjunction-escapes-closedness",
            "export x.cue",
            "#Chart: {version: string}\nc: #Chart & {channel: *\"stable\" | \"beta\", version: channel}\n",
            "{\n    \"c\": {\n        \"channel\": \"stable\",\n        \"version\": \"stable\"\n    }\n}\n"),
        FidelityCase.Of(
            "unreferenced-field-is-still-not-allowed",
            "export x.cue",
            "#Chart: {version: string}\nc: #Chart & {channel: *\"stable\" | \"beta\", version: \"1\"}\n",
            "",
            exitCode: 1),
        // Printing and literals.
        FidelityCase.Of(
            "whitespace-line-in-a-multi-line-string",
            "export x.cue",
            "script: \"\"\"\n\t\tset -e\n\t\t\n\t\trun\n\t\"\"\"\n",
            "{\n    \"script\": \"\\tset -e\\n\\t\\n\\trun\"\n}\n"),
        FidelityCase.Of(
            "list-elements-print-as-written",
            "eval x.cue",
            "mode: 0o644\nflags: [0x10, 1e3, 5., \"caf\\u00e9\", #\"raw\"#]\nargs: [\"sh\", \"-c\", #\"\"\"\n\techo \"$HOME\"\n\t\"\"\"#]\n",
            "mode: 420\nflags: [0x10, 1e3, 5.0, \"caf\\u00e9\", #\"raw\"#]\nargs: [\"sh\", \"-c\", #\"\"\"\n    echo \"$HOME\"\n    \"\"\"#]\n"),
        FidelityCase.Of(
            "computed-floats-print-as-floats",
            "eval x.cue",
            "half: 6 / 3\nbig: 2.5e10 * 1\nsum: 1e3 + 1\n",
            "half: 2.0\nbig:  2.5e+10\nsum:  1001.0\n"),
        // Bounds print as v0.4 keeps them: the tightest of each side, checks after them, the kind last when the
        // bounds allow more, and an int range read as the predeclared type that names it.
        FidelityCase.Of(
            "bounds-print-as-predeclared-ranges",
            "eval x.cue",
            "exit: uint8\nport: int & >=1 & <=65535\ncount: uint & <=10\nsigned: int & >=-128 & <=127 & >=0\nnotThree: int & !=3\ntight: >=1 & >=2 & <=9 & <=8 & int\nratio: float & >=0 & <=1\nsize: uint\n",
            "exit:     uint8\nport:     uint16 & >=1\ncount:    uint & <=10\nsigned:   int8 & >=0\nnotThree: !=3 & int\ntight:    uint & >=2 & <=8\nratio:    >=0 & <=1 & float\nsize:     >=0 & int\n"),
        // A value that is not complete yet prints as the expressions it is made of, with the imports they use.
        FidelityCase.Of(
            "incomplete-values-print-as-expressions",
            "eval x.cue",
            "import \"strconv\"\n\nname: string\ngreeting: \"hello \\(name)\"\nport: string\nportNumber: strconv.Atoi(port)\nretries: int\nnext: retries + 1\nenabled: name == \"x\"\n",
            "import \"strconv\"\n\nname:       string\ngreeting:   \"hello \\(name)\"\nport:       string\nportNumber: strconv.Atoi(port)\nretries:    int\nnext:       retries + 1\nenabled:    name == \"x\"\n"),
        FidelityCase.Of(
            "incomplete-struct-literals-print-merged-or-as-written",
            "eval x.cue",
            "base: {x: 1}\n#Attr: {\n\tn: int @tag(n)\n\tbase.#Missing & {a: 1}\n\te: 1\n}\n#Pattern: {\n\tn: int\n\t[string]: int\n\tbase.#Missing & {a: 1}\n}\n#Cond: {\n\tn: int\n\tbase.#Missing\n\tif n > 1 {big: true}\n}\n",
            "base: {\n    x: 1\n}\n#Attr: {\n    base.#Missing & {\n        a: 1\n    }\n    n: int\n    e: 1\n}\n#Pattern: {\n    n:        int\n    [string]: int\n    base.#Missing & {\n        a: 1\n    }\n}\n#Cond: {\n    n: int\n    base.#Missing\n    if n > 1 {\n        big: true\n    }\n}\n"),
        // A disjunction printed as one conjunct among others keeps its parentheses; the import header lists
        // packages in the order the text first uses them, not sorted.
        FidelityCase.Of(
            "disjunction-beside-another-conjunct-keeps-parentheses",
            "eval x.cue",
            "import \"strings\"\n\n#Step: {\n\tname: string\n\tenv: [string]: string | {secret: true}\n\tenv: NAME: strings.ToUpper(name)\n}\n",
            "import \"strings\"\n\n#Step: {\n    name: string\n    env: {\n        NAME: strings.ToUpper(name) & (string | {\n            secret: true\n        })\n    }\n}\n"),
        FidelityCase.Of(
            "imports-in-the-order-of-first-use",
            "eval x.cue",
            "import (\n\t\"encoding/json\"\n\t\"path\"\n\t\"strings\"\n)\n\n#Args: {\n\tdir: string\n\tbase: path.Base(dir)\n\tupper: strings.ToUpper(dir)\n\tdoc: json.Marshal(dir)\n}\n",
            "import (\n    \"path\"\n    \"strings\"\n    \"encoding/json\"\n)\n\n#Args: {\n    dir:   string\n    base:  path.Base(dir)\n    upper: strings.ToUpper(dir)\n    doc:   json.Marshal(dir)\n}\n"),
        FidelityCase.Of(
            "literal-embedding-a-disjunction-beside-other-conjuncts",
            "eval x.cue",
            "import \"strings\"\n\n#Input: {\n\t@dagger(input)\n\t_\n\t...\n}\nsrc: string\n#K: {\n\tmanifest: #Input & {*null | string}\n}\nk: #K & {manifest: strings.ToUpper(src)}\n",
            "import \"strings\"\n\n#Input: _\nsrc:    string\n#K: {\n    manifest: null\n}\nk: {\n    manifest: #Input & (*null | string) & strings.ToUpper(src)\n}\n"),
        // A later conjunct that is itself a conjunction keeps its parentheses: v0.4 chains conjuncts to the left.
        FidelityCase.Of(
            "conjunction-as-a-later-conjunct-keeps-parentheses",
            "eval x.cue",
            "#Input: string\n#Service: {\n\tid: string\n\tname: #Input & string\n}\nsvc: {name: \"web-\\(id)\", id: string} & #Service\n",
            "#Input: string\n#Service: {\n    id:   string\n    name: string\n}\nsvc: {\n    name: \"web-\\(id)\" & (#Input & string)\n    id:   string\n}\n"),
        // A label quoted in the source only to leave the name free for a reference prints bare.
        FidelityCase.Of(
            "quoted-identifier-label-prints-bare",
            "eval x.cue",
            "region: string\nstep: step.#Script & {\n\t\"region\": region\n\t\"--flag\": true\n}\n",
            "region: string\nstep:   step.#Script & {\n    region:   region\n    \"--flag\": true\n}\n"),
        // Tabs in the text of a multi-line interpolation print escaped.
        FidelityCase.Of(
            "tab-in-a-multi-line-interpolation-prints-escaped",
            "eval x.cue",
            "tag: string\nfile: #\"\"\"\n\t\tFROM \\#(tag)\n\t\tRUN true\n\t\"\"\"#\n",
            "tag:  string\nfile: \"\"\"\n    \\tFROM \\(tag)\n    \\tRUN true\n    \"\"\"\n"),
        // Selecting a field that a pattern of a closed struct admits is incomplete, not an error: it may still come.
        FidelityCase.Of(
            "field-a-closed-pattern-admits-is-incomplete",
            "eval x.cue",
            "#Env: {[!~\"^_\"]: string}\n#Plan: {env: #Env}\np: #Plan & {env: HOME: \"/root\"}\nuser: p.env.USER\n",
            "#Env: {}\n#Plan: {\n    env: {}\n}\np: {\n    env: {\n        HOME: \"/root\"\n    }\n}\nuser: p.env.USER\n"),
        // A struct that selects from itself while it is evaluated finds no field yet: incomplete, printed as written.
        FidelityCase.Of(
            "selecting-from-itself-stays-incomplete",
            "eval x.cue",
            "base: base.#Layer & {size: 1}\nnested: {inner: nested.missing & {ok: true}}\n",
            "base: base.#Layer & {\n    size: 1\n}\nnested: {\n    inner: nested.missing & {\n        ok: true\n    }\n}\n"),
        // -e is evaluated only in a package without errors: the reference validates the whole instance first.
        FidelityCase.Of(
            "expression-of-a-package-with-an-error-elsewhere",
            "export -e name x.cue",
            "name: \"web\"\n#Broken: {port: int & \"80\"}\n",
            "",
            exitCode: 1),
        // A comparison with _|_ decides on an incomplete operand even when a node being evaluated was read on the way.
        FidelityCase.Of(
            "optional-field-in-a-bottom-test",
            "export x.cue",
            "#Write: {path: string, contents: _}\nfiles: [p=string]: {\n\tread?: {path: string | *p}\n\twrite?: #Write & {\n\t\tpath: string | *p\n\t\tif (read.path & write.path) != _|_ {\n\t\t\t_after: read\n\t\t}\n\t}\n}\nfiles: \"./out\": write: contents: \"done\"\n",
            "{\n    \"files\": {\n        \"./out\": {\n            \"write\": {\n                \"path\": \"./out\",\n                \"contents\": \"done\"\n            }\n        }\n    }\n}\n"),
        // strings.ToTitle capitalises the first rune of each space-separated word (a digraph takes its title form); Go's
        // space set and simple case mappings decide Fields, TrimSpace and ToLower; an empty old string in Replace
        // matches before each rune, n times.
        FidelityCase.Of(
            "strings-builtins-follow-go-runes",
            "export x.cue",
            "import \"strings\"\n\ntitle:  strings.ToTitle(\"héllo wörld-wide ǆungla\")\nfields: strings.Fields(\"a\\u00a0b\\u2003c\")\ntrim:   strings.TrimSpace(\"\\u2003x\\u00a0\")\nlower:  strings.ToLower(\"İSTANBUL\")\ninsert: strings.Replace(\"héllo\", \"\", \"|\", 2)\n",
            "{\n    \"title\": \"Héllo Wörld-wide ǅungla\",\n    \"fields\": [\n        \"a\",\n        \"b\",\n        \"c\"\n    ],\n    \"trim\": \"x\",\n    \"lower\": \"istanbul\",\n    \"insert\": \"|h|éllo\"\n}\n"),
        // strconv checks ranges and bit sizes, quotes like Go (\x00, \u00a0, \u263a), reads CUE literals in Unquote, and
        // turns a float64 back into the shortest decimal.
        FidelityCase.Of(
            "strconv-builtins-follow-go",
            "export x.cue",
            "import \"strconv\"\n\nsmall:  strconv.ParseInt(\"-128\", 10, 8)\nquoted: strconv.Quote(\"é\\u00a0\\u0000\")\nascii:  strconv.QuoteToASCII(\"☺\")\nrune:   strconv.QuoteRune(39)\nchars:  strconv.Unquote(\"'ab'\")\nfloat:  strconv.ParseFloat(\"100\", 64)\n",
            "{\n    \"small\": -128,\n    \"quoted\": \"\\\"é\\\\u00a0\\\\x00\\\"\",\n    \"ascii\": \"\\\"\\\\u263a\\\"\",\n    \"rune\": \"'\\\\''\",\n    \"chars\": \"ab\",\n    \"float\": 100\n}\n"),
        FidelityCase.Of(
            "strconv-parse-int-out-of-its-bit-size",
            "export x.cue",
            "import \"strconv\"\n\nbig: strconv.ParseInt(\"128\", 10, 8)\n",
            "",
            exitCode: 1),
        // A validator unified with a list or struct checks it once it is final; a one-argument predicate is a validator
        // without a call.
        FidelityCase.Of(
            "list-and-struct-validators",
            "export x.cue",
            "import (\n\t\"list\"\n\t\"struct\"\n)\n\nunique: list.UniqueItems & [1, 2]\ntwo:    list.MinItems(2) & [1, 2]\none:    struct.MaxFields(1) & {a: 1}\n",
            "{\n    \"unique\": [\n        1,\n        2\n    ],\n    \"two\": [\n        1,\n        2\n    ],\n    \"one\": {\n        \"a\": 1\n    }\n}\n"),
        FidelityCase.Of(
            "list-validator-rejects-a-short-list",
            "export x.cue",
            "import \"list\"\n\nshort: list.MinItems(3) & [1, 2]\n",
            "",
            exitCode: 1),
        // text/template's escapers use numeric entities and \u escapes as Go does.
        FidelityCase.Of(
            "template-escapers-follow-go",
            "export x.cue",
            "import \"text/template\"\n\nhtml: template.HTMLEscape(\"<a title=\\\"x\\\">'&'</a>\")\njs:   template.JSEscape(\"'q' \\\"d\\\" a=b \\u2028\")\n",
            "{\n    \"html\": \"\\u0026lt;a title=\\u0026#34;x\\u0026#34;\\u0026gt;\\u0026#39;\\u0026amp;\\u0026#39;\\u0026lt;/a\\u0026gt;\",\n    \"js\": \"\\\\'q\\\\' \\\\\\\"d\\\\\\\" a\\\\u003Db \\\\u2028\"\n}\n"),
        // v0.4 completes fields depth first, in order: a `!= _|_` test that reads a later field still waiting on an
        // incomplete expression gets a cycle error, so the struct it guards stays as written (dagger v0.1's docker
        // package); `_|_` prints with its error as a line comment.
        FidelityCase.Of(
            "bottom-test-on-a-field-not-completed-yet",
            "eval x.cue",
            "x: {\n\tenv: {\n\t\tA: 1\n\t\tif name != _|_ && ssh == _|_ {N: 1}\n\t}\n\tssh?: int\n\tname: \"a-\\(y)\"\n}\ny: string\n",
            "x: {\n    env: {\n        A: 1\n        if name != _|_ // explicit error (_|_ literal) in source\n                        && ssh == _|_ // explicit error (_|_ literal) in source\n        {\n            N: 1\n        }\n    }\n    name: \"a-\\(y)\"\n}\ny: string\n"),
        FidelityCase.Of(
            "bottom-test-on-a-field-completed-before",
            "eval x.cue",
            "x: {\n\tname: \"a-\\(y)\"\n\tenv: {\n\t\tA: 1\n\t\tif name != _|_ {N: 1}\n\t}\n}\ny: string\n",
            "x: {\n    name: \"a-\\(y)\"\n    env: {\n        A: 1\n    }\n}\ny: string\n"),
        FidelityCase.Of(
            "bottom-test-through-a-definition",
            "eval -e x.env x.cue",
            "#Run: {\n\tname?: string\n\tenv: {\n\t\tA: 1\n\t\tif name != _|_ {N: name}\n\t}\n}\nx: #Run & {name: \"a-\\(y)\"}\ny: string\n",
            "",
            exitCode: 1),
        FidelityCase.Of(
            "bottom-test-left-waiting-is-a-cycle-error",
            "export x.cue",
            "x: {\n\tenv: {A: 1, if _name != _|_ {N: 1}}\n\t_name: \"a-\\(_y)\"\n}\n_y: string\n",
            "",
            exitCode: 1),
        // A plain `...` adds `_` to each field its struct neither declares nor matches with a pattern.
        FidelityCase.Of(
            "plain-ellipsis-adds-top-to-undeclared-fields",
            "eval x.cue",
            "#Op: {do: string, ...}\ny: string\nl: [...#Op]\nl: [{do: \"a\", tag: \"x-\\(y)\"}]\nd: {...} & {[string]: string} & {t: \"x-\\(y)\"}\ne: {[string]: int, ...} & {t: \"x-\\(y)\"}\nf: {t: string, ...} & {t: \"x-\\(y)\"}\n",
            "#Op: {\n    do: string\n}\ny: string\nl: [{\n    do:  \"a\"\n    tag: \"x-\\(y)\" & _\n}]\nd: {\n    t: \"x-\\(y)\" & _ & string\n}\ne: {\n    t: \"x-\\(y)\" & int\n}\nf: {\n    t: string & \"x-\\(y)\"\n}\n"),
        // v0.4 reads `...T` in a struct as `...` and an embedded T.
        FidelityCase.Of(
            "ellipsis-type-in-a-struct-is-an-embedding",
            "export x.cue",
            "x: {...int} & {b: 1}\n",
            "",
            exitCode: 1),
        FidelityCase.Of(
            "ellipsis-struct-in-a-struct-is-an-embedding",
            "export x.cue",
            "x: {a: 1, ...{c: 3}} & {b: 2}\n",
            "{\n    \"x\": {\n        \"a\": 1,\n        \"c\": 3,\n        \"b\": 2\n    }\n}\n"),
        // v0.4 merges equal disjuncts only if each struct literal with optional fields is in both: two literals
        // written alike are different, one literal reached twice is the same.
        FidelityCase.Of(
            "disjuncts-of-literals-with-optional-fields-are-kept-apart",
            "eval x.cue",
            "x: ({a: int} | {a: int, b?: int}) & ({a: int} | {a: int, b?: int})\nD: {a: int} | {a: int, b?: int}\ny: D & D\n",
            "x: {\n    a: int\n} | {\n    a: int\n} | {\n    a: int\n} | {\n    a: int\n}\nD: {\n    a: int\n} | {\n    a: int\n}\ny: {\n    a: int\n} | {\n    a: int\n}\n"),
        // A pattern applied by three embeddings of one definition: its disjunction appears three times, and the
        // disjuncts that agree (a nested `path: string | *p` included, compared term by term) merge.
        FidelityCase.Of(
            "disjuncts-with-equal-nested-disjunctions-merge",
            "eval -e client x.cue",
            "#FS: {fs: int}\n#Secret: {secret: int}\n_#Read: {\n\tpath: string\n\t{contents: #Secret} | {contents: #FS, include?: int}\n}\n#Plan: client: [p=string]: read?: _#Read & {path: string | *p}\n#Plan\n#Plan\n#Plan & {client: d: read: {}}\n",
            "d: {\n    read: {\n        path: \"d\"\n        contents: {\n            secret: int\n        }\n    } | {\n        path: \"d\"\n        contents: {\n            secret: int\n            fs:     int\n        }\n    } | {\n        path: \"d\"\n        contents: {\n            fs: int\n        }\n    }\n}\n"),
        // v0.4 unifies a vertex's conjuncts once per close info node: a definition embedded beside the same
        // definition as a field runs its comprehension twice, and `cue eval` shows both copies of what it yields;
        // two references in one literal share the node and bring one (go's #Configure in v0.2.36).
        FidelityCase.Of(
            "an-embedded-definition-brings-its-comprehension-again",
            "eval x.cue",
            "#Set: {\n\tconfig: {...}\n\toutput: {for f, v in config {\"\\(f)\": v}}\n}\n#G: {\n\tp:    string\n\t_cfg: #Set & {config: env: PATH: \"\\(p)/bin\"}\n\t{_cfg: #Set}\n\to1: _cfg.output\n\to2: _cfg.config\n}\n#I: {\n\tp:    string\n\t_cfg: #Set & {config: env: PATH: \"\\(p)/bin\"}\n\t_cfg: #Set\n\to1:   _cfg.output\n}\n",
            "#Set: {\n    config: {}\n    output: {}\n}\n#G: {\n    p: string\n    o1: {\n        env: {\n            PATH: \"\\(p)/bin\" & \"\\(p)/bin\"\n        }\n    }\n    o2: {\n        env: {\n            PATH: \"\\(p)/bin\"\n        }\n    }\n}\n#I: {\n    p: string\n    o1: {\n        env: {\n            PATH: \"\\(p)/bin\"\n        }\n    }\n}\n"),
        // A `for` over a struct whose own comprehension still waits (on a field being evaluated, or on an
        // incomplete value) waits too, as in v0.4: ranging over part of the struct would drop fields for good.
        FidelityCase.Of(
            "range-over-a-struct-whose-comprehension-waits",
            "export x.cue",
            "b: len(port.q) != 3\nport: {\n\tfor k, v in e {\"\\(k)_c\": v}\n\tq: [1]\n}\ne: {\n\th: 1\n\tif b {c: 2}\n}\n",
            "{\n    \"b\": true,\n    \"port\": {\n        \"q\": [\n            1\n        ],\n        \"h_c\": 1,\n        \"c_c\": 2\n    },\n    \"e\": {\n        \"h\": 1,\n        \"c\": 2\n    }\n}\n"),
        FidelityCase.Of(
            "a-struct-whose-comprehension-waits-is-incomplete",
            "eval x.cue",
            "x: string\ne: {h: 1, if x == \"a\" {c: 2}}\nport: {for k, v in e {\"\\(k)_c\": v}}\nn: len(e)\n",
            "x: string\ne: {\n    h: 1\n    if x == \"a\" {\n        c: 2\n    }\n}\nport: {\n    for k, v in e {\n        \"\\(k)_c\": v\n    }\n}\nn: len(e)\n"),
        // apd keeps the sign of a zero product or quotient (-1 * 0 is -0, printed so), negation is 0 - x (so -0 and
        // -a of a negative zero are 0), and of two equal scalars the first stays (1.5 & 1.50 is 1.5).
        FidelityCase.Of(
            "negative-zero-and-the-first-of-equal-numbers",
            "export x.cue",
            "a: -1 * 0\nb: \"\\(-1 * 0)\"\nc: 0 * -5\nd: -0\ne: -a\nf: a + 0\ng: a == 0\nh: 0 / -5\ni: (-1 * 0) & 0\nj: 0 & (-1 * 0)\nk: -2.5 * 0\nl: 1.5 & 1.50\nm: 1.50 & 1.5\n",
            "{\n    \"a\": -0,\n    \"b\": \"-0\",\n    \"c\": -0,\n    \"d\": 0,\n    \"e\": 0,\n    \"f\": 0,\n    \"g\": true,\n    \"h\": -0,\n    \"i\": -0,\n    \"j\": 0,\n    \"k\": -0.0,\n    \"l\": 1.5,\n    \"m\": 1.50\n}\n"),
        // A list sum that is a conjunct of its own operand (`args: [...] + args`, as the uffizzi package does by mistake):
        // v0.4 unifies the sum as `[for e in x {e}, for e in y {e}]`, after the vertex's other lists, so the clause
        // over the vertex itself sees the elements the first clause added. A copy (`e: a`) sums again.
        FidelityCase.Of(
            "a-list-that-adds-itself-ranges-over-what-it-holds",
            "export x.cue",
            "a: [...int]\na: [1, 2] + a\ne: a\nn: len(a)\nb: [...int]\nb: [3] + b + b\nc: [...int]\nc: 2 * c\n#C: {\n\tmode: *\"fast\" | \"slow\"\n\targs: [...string]\n\targs: [\"run\", mode] + args\n}\nd: #C & {mode: \"slow\"}\n",
            "{\n    \"a\": [\n        1,\n        2,\n        1,\n        2\n    ],\n    \"e\": [\n        1,\n        2,\n        1,\n        2,\n        1,\n        2\n    ],\n    \"n\": 4,\n    \"b\": [\n        3,\n        3\n    ],\n    \"c\": [],\n    \"d\": {\n        \"mode\": \"slow\",\n        \"args\": [\n            \"run\",\n            \"slow\",\n            \"run\",\n            \"slow\"\n        ]\n    }\n}\n"),
        // The same in eval: an incomplete element is copied as it is.
        FidelityCase.Of(
            "a-list-that-adds-itself-in-eval",
            "eval x.cue",
            "#P: {\n\tx: string\n\targs: [...string]\n\targs: [\"delete\", x] + args\n}\np: #P & {x: \"a\"}\nq: #P\n",
            "#P: {\n    x: string\n    args: [\"delete\", string, \"delete\", string]\n}\np: {\n    x: \"a\"\n    args: [\"delete\", \"a\", \"delete\", \"a\"]\n}\nq: {\n    x: string\n    args: [\"delete\", string, \"delete\", string]\n}\n"),
        // With a disjunction v0.4 stops before the sum can see a list: the field stays incomplete.
        FidelityCase.Of(
            "a-list-that-adds-itself-with-a-disjunction",
            "eval x.cue",
            "k: {\n\tl: [...int] | *[9]\n\tl: [1] + l\n\tm: l\n}\n",
            "k: {\n    l: ([...int] | *[9]) & [1]+l\n    m: l\n}\n"),
        // Blanks around + - * / as v0.4's formatter (after Go's) sets them: by nesting depth and mixed precedence.
        FidelityCase.Of(
            "blanks-around-arithmetic-by-depth",
            "eval x.cue",
            "import \"strings\"\na: int\nb: int\nc: int\ns: string\nl: [...int]\ny1: (a + b | 1) & int\ny3: {if a + b > c {k: a * b}}\ny4: l[a+b : c]\ny5: l[a:b]\ny6: \"\\(a * b + c)-\\(s + \"x\")\"\ny7: strings.Join([s + \"a\", s], s + \"b\")\ny8: a - -b\ny9: a + b + c * 2\ny10: a * b * c\ny11: (a + b) * (c - a)\ny12: !(a > b) && a + 1 > c\ny13: int & >(a + b)\ny14: a / 2 + b div 3\ny16: [a + b] + l\ny17: -a + b\ny18: a + b & c + 1 & int\ny19: [...(a + b)]\n",
            "import \"strings\"\n\na: int\nb: int\nc: int\ns: string\nl: []\ny1: 1\ny3: {\n    if a+b > c {\n        k: a * b\n    }\n}\ny4:  l[a+b : c]\ny5:  l[a:b]\ny6:  \"\\(a*b+c)-\\(s+\"x\")\"\ny7:  strings.Join([s + \"a\", s], s+\"b\")\ny8:  a - -b\ny9:  a + b + c*2\ny10: a * b * c\ny11: (a + b) * (c - a)\ny12: !(a > b) && a+1 > c\ny13: int & >(a + b)\ny14: a/2 + b div 3\ny16: [x]\ny17: -a + b\ny18: a+b & c+1 & int\ny19: []\n"),
        // v0.4 merges an empty struct and an empty list as equal disjuncts (it compares their kinds while they are
        // still being evaluated), unless the struct is closed or has optional fields or patterns, or the list's
        // elements are typed.
        FidelityCase.Of(
            "an-empty-struct-and-an-empty-list-are-one-disjunct",
            "eval x.cue",
            "#D: {}\na1: {} | [...int]\na2: close({}) | []\na3: #D | []\na4: {a?: int} | []\na5: {[string]: int} | []\na6: {#a: 1} | []\na7: *{} | []\na8: [] | *{}\na9: {} | [] | 1\na10: ({} | []) & {}\na11: [...] | {...}\na12: {_h: 1} | []\nb2: {...} | [...]\nc2: {a: 1} | [1]\nd2: {} | [1]\ne2: {a: 1} | []\nf2: [] | {}\n",
            "#D: {}\na1: {} | []\na2: {} | []\na3: {} | []\na4: {} | []\na5: {} | []\na6: {\n    #a: 1\n} | []\na7: {}\na8: {}\na9: {} | 1\na10: {}\na11: []\na12: {} | []\nb2: {}\nc2: {\n    a: 1\n} | [1]\nd2: {} | [1]\ne2: {\n    a: 1\n} | []\nf2: []\n"),
        // close() of a disjunction takes its default; without one the call waits, unresolved, as any builtin's does.
        FidelityCase.Of(
            "close-of-a-disjunction-without-default-waits",
            "eval x.cue",
            "x: {a: 1} | {b: 2}\nf: close(x)\nh: close(*{a: 1} | {b: 2})\ni: close({a: 1} | {b: 2}) & {a: 1}\nj: close(x & {a: 1})\nk: close({a: int} | {a: string})\n#D: close({a: int})\nl: #D & {a: 2}\n",
            "x: {\n    a: 1\n} | {\n    b: 2\n}\nf: close(x)\nh: {\n    a: 1\n}\ni: close({\n    a: 1\n} | {\n    b: 2\n}) & {\n    a: 1\n}\nj: close(x & {\n    a: 1\n})\nk: close({\n    a: int\n} | {\n    a: string\n})\n#D: {\n    a: int\n}\nl: {\n    a: 2\n}\n"),
        // A struct literal printed inside an expression: the literals and types of a field are unified and a scalar
        // keeps the text of its first literal ("3\n", 0x10), while a list element is printed as a value; a multi-line
        // string stands outside the aligned runs, and an operation that starts with a struct (check) is in one.
        FidelityCase.Of(
            "a-struct-literal-in-an-expression-prints-its-fields-as-values",
            "eval x.cue",
            "x: string\ncheck: {\n\tcontents: \"3\\n\"\n\tn: 0x10\n\ta: int & 1\n\tb: \"a\\n\" & string\n\te: int & >2\n\tl: [\"s\\nt\"]\n\tbbb: \"\"\"\n\t\tm\n\t\tn\n\t\t\"\"\"\n\tc: x\n\tdddd: x\n} & {if x == \"a\" {k: 1}}\n",
            "x:     string\ncheck: {\n    contents: \"3\\n\"\n    n:        0x10\n    a:        1\n    b:        \"a\\n\"\n    e:        >2 & int\n    l: [\"\"\"\n        s\n        t\n        \"\"\"]\n    bbb: \"\"\"\n        m\n        n\n        \"\"\"\n    c:    x\n    dddd: x\n} & {\n    if x == \"a\" {\n        k: 1\n    }\n}\n"),
        // v0.4 evaluates a referenced struct before it takes its conjuncts (and a `for` each value it yields): when
        // that reads back into the vertex being built (h._s), the vertex's other conjuncts come in first, so b comes
        // before p. A field's own expression (q) is not evaluated then, and changes nothing.
        FidelityCase.Of(
            "a-reference-back-into-the-vertex-brings-its-other-conjuncts-first",
            "export x.cue",
            "h: f\nh: b: 7\nf: {p: 1, if h._s {x: 1}}\nh: _s: true\nk: g\nk: c: 3\ng: {for n, v in m {\"\\(n)_c\": v}, p: 1}\nm: t: k._u\nk: _u: 2\nj: e\nj: {a: 1}\ne: {p: 1, q: j.a + 1}\n",
            "{\n    \"h\": {\n        \"b\": 7,\n        \"p\": 1,\n        \"x\": 1\n    },\n    \"f\": {\n        \"p\": 1,\n        \"x\": 1\n    },\n    \"k\": {\n        \"c\": 3,\n        \"p\": 1,\n        \"t_c\": 2\n    },\n    \"g\": {\n        \"p\": 1,\n        \"t_c\": 2\n    },\n    \"m\": {\n        \"t\": 2\n    },\n    \"j\": {\n        \"p\": 1,\n        \"a\": 1,\n        \"q\": 2\n    },\n    \"e\": {\n        \"p\": 1,\n        \"q\": 2\n    }\n}\n"),
        // A list whose comprehension is still running has only part of its elements: reading it from inside that
        // comprehension (image.r, evaluated by spec's for while x ranges over spec._e) is a cycle, and the field is
        // computed again once x is whole, as in v0.4 (evaluating image.r that early once made it 0 for good).
        FidelityCase.Of(
            "len-of-a-list-whose-comprehension-is-running-waits-for-it",
            "export x.cue",
            "port: {\n\tb: len(x)\n}\nspec: {\n\t_e: [len(p), 5]\n\tfor k, v in image {\"\\(k)_c\": v}\n}\np: [for k, v in port {k}]\nimage: r: len(x)\nx: [for e in spec._e {e}]\n",
            "{\n    \"port\": {\n        \"b\": 2\n    },\n    \"spec\": {\n        \"r_c\": 2\n    },\n    \"p\": [\n        \"b\"\n    ],\n    \"image\": {\n        \"r\": 2\n    },\n    \"x\": [\n        1,\n        5\n    ]\n}\n"),
        // YAML as go-yaml's emitter writes it: a long value folds at a blank past column 80 (plain, quoted, in a list),
        // a literal block takes an indentation indicator and keeps its trailing breaks, and a string a block cannot
        // hold (a blank before a break, a control character) is double-quoted with YAML's escapes.
        FidelityCase.Of(
            "yaml-folds-long-lines-and-picks-go-yaml-styles",
            "export --out yaml x.cue",
            "import \"encoding/yaml\"\n\n_d: {\n\tplain: \"a value that is long enough to pass the best width of eighty columns, so go-yaml folds it\"\n\tsingle: \"- a dash and a blank first, so single quotes, and long enough to fold past eighty columns\"\n\tdouble: \"tab\\tand long enough to pass the best width of eighty columns for sure  two blanks here\"\n\tlead: \" leading blank\\nmulti\"\n\tkeep: \"two trailing\\n\\n\"\n\ttab: \"multi\\nline with\\ttab\"\n\tspacebreak: \"multi \\nline\"\n\tctl: \"bell\\u0007 del\\u007f nel\\u0085 emoji \ud83d\ude00\"\n\tlist: [\"an item that is long enough to pass the best width of eighty columns so it folds too\"]\n}\ny: yaml.Marshal(_d)\n",
            "y: |\n  plain: a value that is long enough to pass the best width of eighty columns, so go-yaml\n    folds it\n  single: '- a dash and a blank first, so single quotes, and long enough to fold past\n    eighty columns'\n  double: \"tab\\tand long enough to pass the best width of eighty columns for sure  two\n    blanks here\"\n  lead: |2-\n     leading blank\n    multi\n  keep: |+\n    two trailing\n\n  tab: |-\n    multi\n    line with\ttab\n  spacebreak: \"multi \\nline\"\n  ctl: \"bell\\a del\\x7F nel\\N emoji \\U0001F600\"\n  list:\n  - an item that is long enough to pass the best width of eighty columns so it folds\n    too\n"),
        // A key of several lines cannot be a simple key: go-yaml writes "? " and a literal block, then ": " and the
        // value, a collection starting on the colon's line.
        FidelityCase.Of(
            "yaml-a-key-of-several-lines-is-a-complex-key",
            "export --out yaml x.cue",
            "import \"encoding/yaml\"\n\n_d: {\n\t\"a\\nb\": {c: 1, d: {e: 2}}\n\t\"p\\nq\": [1, [2, 3], {r: 4}]\n\tz: {\"m\\nn\": \"a long value that is long enough to pass the best width of eighty columns\"}\n}\ny: yaml.Marshal(_d)\n",
            "y: |\n  ? |-\n    a\n    b\n  : c: 1\n    d:\n      e: 2\n  ? |-\n    p\n    q\n  : - 1\n    - - 2\n      - 3\n    - r: 4\n  z:\n    ? |-\n      m\n      n\n    : a long value that is long enough to pass the best width of eighty columns\n"),
    ];
}
