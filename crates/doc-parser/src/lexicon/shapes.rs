//! Shapes in words (FORMATS.md "Types" and "Nested structures", the link pass): arrays and
//! objects said in a description ("Массив …", "Множественное", "Содержит объект `W`"),
//! headings over a nested table ("Объект action", "Структура …"), ids, and the kind words
//! of a data-types definition ("Целочисленный идентификатор", "Строковый код").

phrases! {
    /// Array in words: a description that starts "Массив …".
    ARRAY = "массив";
    /// Array of objects in words: "Передается массив объектов с полями …".
    ARRAY_OF_OBJECTS = "массив объект";
    /// Id field of an entity: a description that starts "Идентификатор …".
    ID = "идентификатор";
    /// Tree in words: an entity's open array of children ("Массив дочерних узлов").
    CHILDREN = ["массив дочерних", "дочерние"];
    /// Array of user ids in words ("Список идентификаторов пользователей").
    USER_IDS = [
        "список идентификаторов пользовател",
        "массив идентификаторов пользовател",
    ];
    /// An object that may come as an empty array ("… или пустой массив"): PHP's `[]` for `{}`.
    EMPTY_ARRAY = "пустой массив";
    /// A list of codes or names in words ("Массив кодов …", "Список названий …"): strings.
    WORD_LISTS = [
        "массив кодов",
        "массив с кодами",
        "массив названий",
        "массив с названиями",
        "список кодов",
        "список названий",
    ];
    /// A get page's text about its date fields ("Значения полей с датой и временем …"),
    /// `user.get`'s filter: the fields it names hold dates (`link/request_fields.rs`).
    DATE_FIELDS = "полей с датой";
    /// Where that text starts naming the fields ("Это относится к полям `TIMESTAMP_X`, …").
    APPLIES_TO_FIELDS = "относится к полям";
    /// Multiple field (the CRM tables' word for `isMultiple`): a sentence of its own.
    MULTIPLE = "Множественное";
    /// Section heading over a nested table that names a part, not the object itself
    /// ("Объект action", "Общие параметры повторения", "Структура …", "Поле settings").
    PART_HEADING_WORDS = [
        "объект",
        "тип ",
        "структур",
        "параметр",
        "элемент",
        "поле ",
        "поля",
        "массив",
        "`",
    ];
    /// Map layout (`key_1: value_1`) whose values are texts ("значение для …", "строка").
    MAP_TEXT_VALUES = ["значение для", "строка"];
    /// Wrapper object in words: "Содержит массив `W`" (an array of `W`).
    CONTAINS_ARRAY = "одержит массив ";
    /// Wrapper object in words: "Содержит объект `W`".
    CONTAINS_OBJECT = "одержит объект ";
    /// A result with one shape per parameter value: "При `X = 'N'` …, при `'Y'` …".
    WHEN_PARAM = "При `";
    /// Nested table: a description that points to a table below ("описание приведено ниже").
    BELOW = "ниже";
    /// Nested table: heading words that name no parameter ("Параметр", "Объект", "поля",
    /// "Тип"), as word prefixes.
    GENERIC_HEADING_PREFIXES = ["параметр", "объект", "пол", "тип"];
    /// Data-types definition: the kind "Целочисленный идентификатор" (integer ids).
    INTEGER_ID_KIND = "целочисленный идентификатор";
    /// Data-types definition: the kinds of string codes.
    STRING_CODE_KINDS = [
        "строковый идентификатор",
        "символьный идентификатор",
        "строковый код",
    ];
    /// Data-types definition: the kind "Объект".
    OBJECT_KIND = "объект";
    /// Type cell: separators between union members ("integer | integer[]", "int или string").
    UNION_SEPARATORS = ["\\|", "|", ",", "/", "или "];
}
