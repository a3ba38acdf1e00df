//! Keys of an object parameter listed in its description cell (FORMATS.md "Nested
//! structures": "где:", "с полями:", "ключи") and maps documented in words ("Ключ —
//! идентификатор пользователя, значение — объект …").

phrases! {
    /// Key list intro: words that make the list values, examples, operators or a sort
    /// order instead ("Возможные значения:", "Например:", "Сортировка:").
    NOT_KEYS_PREFIXES = ["значени", "пример", "наприм", "префикс", "оператор", "сортиров"];
    /// Key list intro: whole words that announce keys ("где:", "с полями", "содержит").
    INTRO_WORDS = [
        "где",
        "поля",
        "полями",
        "полей",
        "ключи",
        "ключами",
        "ключей",
        "содержит",
    ];
    /// Key list holder: "массив объектов `entities` с полями" names the parameter the keys
    /// belong to (searched from the end, in this order).
    HOLDER_PHRASES = ["с полями", "с ключами"];
    /// Key list holder: "массив" before the holder makes it an array of objects.
    ARRAY_STEM = "массив";
    /// Map in words: cheap pre-test, "ключ" in any form.
    MAP_KEY_STEM = "ключ";
    /// Map in words: the phrases that say what the keys are.
    MAP_KEY_PHRASES = [
        "ключ —",
        "ключ -",
        "ключ –",
        "ключ объекта —",
        "ключи объекта —",
        "ключом является",
        "ключ это",
    ];
    /// Map in words: the word that says what the values are, after the key phrase.
    MAP_VALUE_WORDS = ["значение", "значением"];
    /// Map value in words: a count or a number (`integer`).
    MAP_VALUE_NUMBER = ["количество", "число"];
    /// Map value in words: a text (`string`).
    MAP_VALUE_TEXT = ["название", "текст", "подпись", "имя"];
    /// Map value in words: an object.
    MAP_VALUE_OBJECT = ["объект", "структура"];
}
