//! What a page says about its own identity (FORMATS.md "Method name (h1)", "REST 3.0"): the
//! method named in the body text ("Метод `crm.item.add` …") when it differs from the h1's,
//! and the banner of a REST 3.0 page.

phrases! {
    /// Method named in the body: "Метод `x.y`" (lowercase, as searched).
    METHOD_NAMED = "метод `";
    /// Method named in the body: the word as the page writes it, quoted in the
    /// method-name-mismatch diagnostic.
    METHOD_WORD = "Метод";
    /// REST 3.0 page: the banner every such page carries ("Метод относится к REST 3.0").
    V3_BANNER = "относится к REST 3.0";
    /// REST 3.0 page: cheap pre-tests; the path and the overview's file name spell the
    /// first, the banner and the mentions the second.
    V3_STEMS = ["rest", "REST"];
    /// REST 3.0 page: the path prefix of its calls, in cURL examples and the "Вызов нового
    /// api" note.
    V3_PATH = "/rest/api/";
    /// REST 3.0 page: a link to the overview page itself.
    V3_OVERVIEW_FILE = "rest-v3.md";
    /// REST 3.0 page: the file name of a REST 3.0 twin of a classic page.
    V3_TWIN_SUFFIX = "-rest-v3.md";
    /// REST 3.0 mentioned without a signal (read as classic, with a diagnostic).
    V3_MENTIONS = ["REST 3.0", "REST v3", "REST V3"];
    /// Data-types heading that names REST 3.0, not a type ("Типы данных REST 3.0 `time`").
    V3_WORD = "REST";
}
