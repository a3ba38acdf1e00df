//! Deprecation of a method (FORMATS.md "Deprecation"): notes and preamble sentences
//! ("Развитие метода остановлено", "Метод устарел", "Deprecated") and the replacement they
//! point to ("Используйте `crm.item.add`").

phrases! {
    /// Deprecation: the phrases that mark a method (not a field) as deprecated.
    MARKERS = [
        "deprecated",
        "развитие метода остановлено",
        "метод устарел",
        "метод является устаревшим",
        "устаревший метод",
    ];
    /// Deprecation: cheap pre-test, stems of the markers as written (first letter left out
    /// so either case matches).
    MARKER_STEMS = ["eprecated", "EPRECATED", "азвитие метода"];
    /// Deprecation: "устарел", "устаревший" in any case, first letter left out.
    OUTDATED_STEM = "старе";
    /// Deprecation replacement: "Используйте `new.method`".
    USE_INSTEAD = "используйте";
}
