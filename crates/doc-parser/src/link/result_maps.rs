//! A result row that says what the result's keys and values are, and links the values'
//! structure ("Объект, в котором ключ — название счетчика, а значение — объект с
//! [описанием счетчика](#counter)") makes the result a map of that structure, as the same
//! words make a field one (`shapes`): the table under it lists the values' fields, which
//! the methods' roles made an entity, not keys of the result.

use b24_spec::{MethodSpec, TypeExpr};

use crate::letters::starts_folded;
use crate::lexicon::shapes as lx;

/// Types such results `map(ref(E))`; returns how many.
pub fn apply(methods: &mut [MethodSpec]) -> usize {
    let mut made = 0;
    for method in methods {
        let response = &mut method.response;
        if let Some(map) = map_of(&response.result, &response.description) {
            response.result = map;
            made += 1;
        }
    }
    made
}

/// The map a result typed `ref(E)` is, by its row's words.
fn map_of(result: &TypeExpr, description: &str) -> Option<TypeExpr> {
    let TypeExpr::Ref(entity) = result else {
        return None;
    };
    let phrase = super::shapes::key_value_phrase(description)?;
    // The values' structure is linked in the value words themselves: words alone
    // ("значение — название голоса") name no structure.
    let value_words = phrase.lines().next().unwrap_or(phrase);
    if !value_words.contains("](") {
        return None;
    }
    // "Значение — массив объектов, …": the values are lists; the role typed the result
    // as one record, which the example check of the generator cannot reconcile then
    // (`calendar.accessibility.get`): left as it was.
    if starts_folded(super::shapes::phrase_after_dash(phrase), lx::ARRAY) {
        return None;
    }
    Some(TypeExpr::Map(Box::new(TypeExpr::Ref(entity.clone()))))
}

#[cfg(test)]
mod tests {
    use b24_spec::TypeExpr;

    #[test]
    fn results_whose_row_names_keys_and_linked_values_are_maps() {
        let entity = TypeExpr::Ref("x.counters".to_owned());
        let read =
            |result: &TypeExpr, text: &str| super::map_of(result, text).map(|map| map.to_string());
        assert_eq!(
            read(
                &entity,
                "Объект, в котором ключ — название счетчика, а значение — объект с [описанием счетчика](#counter)."
            ),
            Some("map(ref(x.counters))".to_owned())
        );
        assert_eq!(
            read(
                &entity,
                "Результат содержит объект.\n\nКлюч объекта — это идентификатор пользователя.\n\nЗначение — массив объектов, каждый из которых описывает [событие](#event)"
            ),
            None
        );
        // Values that differ by a parameter, listed below the sentence: left as they were.
        assert_eq!(
            read(
                &entity,
                "Объект, где ключ — идентификатор, значение:\n- при `A = 'N'` массив идентификаторов,\n- при `A = 'Y'` массив [объектов](#user)"
            ),
            None
        );
        // No structure linked for the values, or no entity: left as it was.
        assert_eq!(
            read(
                &entity,
                "Объект, где ключ — идентификатор голоса, а значение — название голоса"
            ),
            None
        );
        assert_eq!(
            read(&TypeExpr::Object, "Ключ — код, значение — [объект](#x)"),
            None
        );
    }
}
