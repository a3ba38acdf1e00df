//! Enumerated values (FORMATS.md "Enumerated values"): the phrases that introduce a value
//! list or run ("Возможные значения:", "либо … либо"), the words that say a list holds keys,
//! examples or operators instead, the separators between inline values, the header of a
//! value table, and the sentence that sends the reader to a method for the values.

phrases! {
    /// Value intro: the stem of "значение/значения/значений" ("Возможные значения:").
    VALUES_STEM = "значени";
    /// Value intro that is not one: words starting an example, a prefix or operator list
    /// ("Например:", "Возможные значения префикса:").
    NOT_VALUES_PREFIXES = ["пример", "наприм", "префикс", "оператор"];
    /// Value intro: "Варианты:", "вариантов".
    VARIANT_PREFIX = "вариант";
    /// Value intro and inline run: "либо `A`, либо `B`".
    EITHER = "либо";
    /// Inline words "либо text (…), либо image (…)": the word with its blank.
    EITHER_SPACED = "либо ";
    /// Separator between two values: "`A` или `B`", "Y или N".
    OR = "или";
    /// Separator between two values inside a sentence.
    OR_SPACED = " или ";
    /// Keys intro ("где:", "Доступные поля:"): whole words that make a list keys.
    INTRO_KEY_WORDS = [
        "где",
        "поля",
        "полей",
        "полями",
        "ключи",
        "ключей",
        "параметры",
        "свойства",
    ];
    /// Keys intro: "Структура:", "структура объекта".
    STRUCTURE_PREFIX = "структур";
    /// Keys intro: "в формате", "формата" describe a shape, not values.
    FORMAT_PHRASES = ["в формате", "формата"];
    /// Keys intro under a scalar: "формат" says the list describes a format.
    FORMAT_STEM = "формат";
    /// Keys intro: the word "где".
    WHERE = "где";
    /// Keys intro under a names parameter: "объект" makes the list keys.
    OBJECT_STEM = "объект";
    /// Value list item: separators between two values of one item ("`1` или `yes` — да").
    ITEM_SEPARATORS = ["или ", "/", ",", "|"];
    /// Values source ("Список стадий можно узнать с помощью метода …"): a sentence about
    /// values or where to get them.
    SOURCE_PHRASES = [
        "значени",
        "список",
        "можно узнать",
        "можно получить",
        "получить можно",
        "возвращает метод",
    ];
    /// Named keys ("с полями `A` и `B`"): cheap pre-test, fragments of "поля"/"ключ" that
    /// every phrase of [`NAMED_KEYS`] has.
    NAMED_KEYS_FRAGMENTS = ["оля", "люч"];
    /// Named keys: the phrases after which code spans are keys, not values.
    NAMED_KEYS = ["с полями", "с ключами", "поля ", "ключи "];
    /// Inline value run: what may stand between two code spans of one run.
    RUN_SEPARATORS = [
        "",
        ",",
        "или",
        ", или",
        "либо",
        ", либо",
        "/",
        "|",
        "\\|",
        "и",
        ", и",
    ];
    /// Inline value run: "Возможные значения: `base`", a single value right after the phrase.
    SAYS_VALUES_NOW = [
        "возможные значения",
        "допустимые значения",
        "возможное значение",
        "допустимое значение",
    ];
    /// Inline value run: words before a run that make its code spans keys.
    RUN_KEY_WORDS = [
        "поля",
        "полей",
        "полях",
        "полям",
        "ключи",
        "ключей",
        "параметры",
        "параметров",
    ];
    /// Inline value run: "Например" before a run makes it an example.
    EXAMPLE_STEM = "пример";
    /// Inline value run: the words before a run that say values follow.
    RUN_INTROS = [
        "значени",
        "принимает",
        "может быть",
        "могут быть",
        "либо",
        "один из",
        "одно из",
        "вариант",
    ];
    /// Upper-case comma list: "пол…" (поле, полей) before it makes it a list of fields.
    FIELD_STEM = "пол";
    /// Value table: the first header cell of a value column (`Значение | Описание`).
    TABLE_HEADERS = ["значение", "id", "код", "value", "идентификатор", "тип"];
}
