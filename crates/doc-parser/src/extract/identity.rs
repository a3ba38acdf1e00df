//! The method name and title from the h1.

/// The h1 split into its title and the method name it ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub method: String,
    pub title: String,
}

/// Takes the last dotted identifier of the h1 that is a method name: not all uppercase
/// (event names), not `BX24.*` (the JS SDK), not a file name.
pub fn from_h1(h1: &str) -> Option<Identity> {
    let mut found: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, c) in h1.char_indices().chain(std::iter::once((h1.len(), ' '))) {
        let ident_char = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '*');
        match (ident_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let token = h1[s..i].trim_end_matches('.');
                if is_method_name(token) {
                    found = Some((s, s + token.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    let (s, e) = found?;
    let title = format!("{} {}", h1[..s].trim(), h1[e..].trim());
    Some(Identity {
        method: h1[s..e].to_owned(),
        title: title
            .trim()
            .trim_end_matches([':', '—', '-'])
            .trim()
            .to_owned(),
    })
}

fn is_method_name(token: &str) -> bool {
    let mut parts = token.split('.');
    let first = parts.next().unwrap_or_default();
    token.contains('.')
        && first.starts_with(|c: char| c.is_ascii_alphabetic())
        && token.split('.').all(|part| !part.is_empty())
        && !token.contains('*')
        && token.chars().any(|c| c.is_ascii_lowercase())
        && !token.starts_with("BX24.")
        && !token.ends_with(".md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_h1() {
        let id = from_h1("Установить статус пользователя im.user.status.set").unwrap();
        assert_eq!(id.method, "im.user.status.set");
        assert_eq!(id.title, "Установить статус пользователя");
    }

    #[test]
    fn last_name_wins_and_non_methods_are_skipped() {
        let id =
            from_h1("Получить перечень методов task.item.* с их описанием task.item.getmanifest")
                .unwrap();
        assert_eq!(id.method, "task.item.getmanifest");
        assert_eq!(from_h1("Событие ONCRMDEALADD"), None);
        assert_eq!(from_h1("BX24.callMethod"), None);
        assert_eq!(from_h1("Файл index.md"), None);
        assert_eq!(
            from_h1("Бот imbot.v2.Bot.register").unwrap().method,
            "imbot.v2.Bot.register"
        );
    }
}
