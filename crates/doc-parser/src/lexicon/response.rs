//! The response and error sections (FORMATS.md "Response", "Errors"): the HTTP status line
//! before a response example, a code named in prose ("Код ошибки: `X`"), and an empty error
//! code ("пустая строка").

phrases! {
    /// Response section: the "HTTP-статус: **200**" line, not part of the description.
    HTTP_STATUS = "HTTP-статус";
    /// Errors section: "Код ошибки: `ERROR_X`" in prose.
    ERROR_CODE_IN_PROSE = "код ошибки";
    /// Errors section: the include of the common system errors (`system-errors*.md`).
    SYSTEM_ERRORS_INCLUDE = "system-errors";
    /// Errors table: an empty code ("Пустая строка", "пусто").
    EMPTY_CODE = "пуст";
}
