//! Required markers in words (FORMATS.md "Required markers"): "(обязательно)",
//! "Необязательный", conditions after the word, the `required.md` legend and the values of
//! an "Обязательное" column.

phrases! {
    /// Required markers: cheap pre-test, a fragment of "обязательн…" in either case of its
    /// first letter.
    REQUIRED_FRAGMENT = "бяз";
    /// Required markers: cheap pre-test for "опционально"/"Опциональный".
    OPTIONAL_FRAGMENT = "пционал";
    /// Required markers: the stem every required word starts with, and the abbreviation
    /// "(обяз.)" itself.
    REQUIRED_STEM = "обяз";
    /// Required markers: the full stem of "обязательно", "обязательный", "обязателен".
    REQUIRED_WORD = "обязател";
    /// Required markers: the negation before the word ("не обязателен", "необязательный").
    NEGATION = "не";
    /// Required markers: the noun a marker word may be followed by ("обязательное поле").
    MARKER_NOUNS = ["поле", "параметр"];
    /// Required markers: "опционально", "опциональный" mark an optional row.
    OPTIONAL_STEM = "опционал";
    /// Conditional required ("обязателен, если …"): the words that open a condition.
    CONDITION_OPENERS = [
        "если",
        "при ",
        "когда",
        "в случае",
        "только",
        "указывать или",
        "одно из",
        "для ",
    ];
    /// Required markers: plural endings ("Обязательные поля" describes other keys).
    PLURAL_ENDINGS = ["ые", "ых", "ыми"];
    /// Required legend (`_includes/required.md`): cheap pre-test.
    LEGEND_FRAGMENT = "бязательн";
    /// Required legend: the sentences that define the star.
    LEGEND_SENTENCES = ["обязательные параметры отмечены", "обязательные поля отмечены"];
    /// Required legend: the footnote include `_includes/required.md` (its file name starts
    /// so).
    LEGEND_INCLUDE = "required";
    /// Required legend: a "* Обязательн…" line.
    LEGEND_STEM = "обязательн";
    /// "Обязательное" column: a cell that says the row is required.
    COLUMN_YES = ["да", "yes", "y", "true", "+"];
    /// "Обязательное" column: a cell that says the row is optional.
    COLUMN_NO = ["нет", "no", "n", "false", "-", "—"];
    /// "Все поля обязательны" in a cell: every listed key is required.
    ALL_WORD = "все";
    /// "Все поля обязательны": the plural predicate.
    ALL_REQUIRED = "обязательны";
    /// Required in some variants of a merged parameter: the condition written into the spec
    /// ("для вариантов: a, b").
    VARIANTS_CONDITION = "для вариантов: ";
}
