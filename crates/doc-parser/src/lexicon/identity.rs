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
}
