//! The Scope / permissions lines of a method page's preamble (FORMATS.md "Scope /
//! permissions line"): "> Scope: [`crm`](…)", "Кто может выполнять метод: …", the old
//! "Права на выполнение", and an event's "Кто может подписаться".

phrases! {
    /// Scope line: cheap pre-test, the stems one of which every line read here has
    /// ("Scope", "SCOPE", "Кто может …", "Права на выполнение").
    PREAMBLE_STEMS = ["cope", "COPE", "может", "рава на"];
    /// Scope line: "Scope:" (compared without ASCII case).
    SCOPE = "scope";
    /// Who may call: the line that names the callers ("Кто может выполнять метод: любой
    /// пользователь"), its event and its old forms.
    WHO_CAN_CALL = [
        "кто может выполнять метод",
        "кто может подписаться",
        "права на выполнение",
    ];
}
