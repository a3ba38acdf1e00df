//! Section headings of a page (FORMATS.md "Parameter sections & tables", "Response",
//! "Errors", "Examples"): "## Параметры метода", "## Ответ в случае успеха", "## Обработка
//! ошибок", "## Примеры", further-reading sections, the "no parameters" sentence, and the
//! headings of a field reference page ("Поля …", "Описание полей …").

phrases! {
    /// Section heading: parameters ("Параметры метода", "Параметры запроса"), as a prefix;
    /// also "### Параметр X" over one parameter's fields.
    PARAMS = "параметр";
    /// Section heading: examples ("Примеры кода", "Пример").
    EXAMPLES = "пример";
    /// Section heading: errors ("Обработка ошибок", "Возможные ошибки"), anywhere in it.
    ERRORS = "ошиб";
    /// Section heading: the response ("Ответ в случае успеха", "Возвращаемые данные").
    RESPONSE = ["ответ", "обработка ответа", "возвращаемые данные", "результат"];
    /// Parameters heading for all of the method's parameters: its only words.
    MAIN_PARAMS_WORDS = [
        "параметры",
        "параметр",
        "метода",
        "запроса",
        "вызова",
        "входные",
    ];
    /// No parameters ("Без параметров", "Метод не принимает параметров"): cheap pre-test,
    /// a fragment every phrase of [`NO_PARAMS`] has.
    NO_PARAMS_FRAGMENT = "араметр";
    /// No parameters: the sentences that say a method takes none.
    NO_PARAMS = ["без параметров", "не принимает параметр", "параметров нет"];
    /// Further reading ("Продолжите изучение", "Смотрите также"): not part of the method.
    FURTHER_READING = ["продолжите", "смотрите также"];
    /// Field reference page: an h1 or heading "Поля …".
    FIELDS_HEADING = "поля ";
    /// Field reference page: an h1 or heading "Описание полей …".
    FIELDS_DESCRIPTION_HEADING = "описание полей";
    /// Field reference table: "Только для чтения" marks a read-only field.
    READ_ONLY = "только для чтения";
}
