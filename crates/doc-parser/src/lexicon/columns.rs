//! Column headers of parameter, field, error and value tables (FORMATS.md "Parameter
//! sections & tables": "Название / `тип` | Описание", "Параметр | Пример | Описание |
//! Ревизия", "Обязательное" column, error tables "Код | Описание"), and the separators between
//! alternative names in one name cell ("`A` или `B`", `A/B`).

phrases! {
    /// Column header: "Параметры", "Параметр": the name column under any ending.
    PARAM_STEM = "параметр";
    /// Column header: the first word of a name column (Russian and English).
    NAME_HEADERS = [
        "название",
        "параметр",
        "поле",
        "ключ",
        "имя",
        "значение",
        "свойство",
        "field",
        "name",
        "parameter",
    ];
    /// Column header: "тип" anywhere in a name header makes it "Название / `тип`".
    TYPE_STEM = "тип";
    /// Column header: the type column.
    TYPE_HEADERS = ["тип", "type"];
    /// Column header: the description column.
    DESCRIPTION_HEADERS = ["описание", "описания", "description"];
    /// Column header: the example column ("Параметр | Пример | Описание").
    EXAMPLE_HEADERS = ["пример", "example"];
    /// Column header: the first word of a "Ревизия"/"Версия"/"С версии" column.
    SINCE_FIRST_WORDS = ["ревизия", "версия", "с"];
    /// Column header: a since column on its own ("Ревизия", "Версия").
    SINCE_HEADERS = ["ревизия", "версия"];
    /// Column header: "С версии", the stem that makes "с" a since column.
    VERSION_STEM = "верси";
    /// Column header: the "Обязательное" column of fields reference tables.
    REQUIRED_HEADERS = ["обязательное", "обязательный", "обязательно"];
    /// Column header: the code column of an error table.
    CODE_HEADERS = ["код", "code"];
    /// Column header: the HTTP status column of an error table.
    STATUS_HEADERS = ["статус", "status"];
    /// Column header: the message column of an error table ("cообщение" with a Latin c is
    /// how some pages spell it).
    MESSAGE_HEADERS = ["сообщение", "cообщение", "текст", "ошибка"];
    /// Name cell: separators between alternative names in one row (`A/B`, "`A` или `B`").
    NAME_SEPARATORS = ["\\|", "|", "/", "или"];
    /// Name cell: "A или B" inside the name.
    NAME_OR = " или ";
    /// Data-types table: the header "Тип" of its first column.
    TYPES_TABLE_HEADER = "тип";
}
