//! Default values in descriptions (FORMATS.md "Defaults"): "По умолчанию `N`", "Значение по
//! умолчанию — `0`", "(по умолчанию 1)", conditional defaults ("если … иначе `0`").

phrases! {
    /// Default value: the phrase, in both spellings.
    DEFAULT_PHRASES = ["по умолчанию", "по-умолчанию"];
    /// Default value: cheap pre-test, the stem of "умолчанию" both spellings share.
    DEFAULT_STEM = "умолчани";
    /// Default value: "по умолчанию равно `N`".
    EQUALS = "равно";
    /// Conditional default: "По умолчанию, если …".
    IF = "если";
    /// Default value: words between the phrase and the value ("По умолчанию устанавливается
    /// `N`"), longest first.
    FILLERS = [
        "выставляется в значение",
        "устанавливается значение",
        "устанавливается в значение",
        "используется значение",
        "устанавливается",
        "выставляется",
        "используется",
        "передается",
        "значение",
        "равен",
        "равно",
    ];
    /// Conditional default: words after the value that make it prose ("`Y`, если …").
    CONDITION_WORDS = ["если", "иначе", "при "];
    /// Default value: "`Y` или `N`" after the value still ends its phrase.
    OR = "или";
}
