//! REST 3.0: create a task with an `Idempotency-Key` (safe to retry after a lost reply),
//! then list the open tasks with the v3 filter language, page by page.
//!
//! `B24_WEBHOOK_URL=https://example.bitrix24.ru/rest/1/your_webhook_code/ cargo run -p b24-examples --example rest_v3`

use b24_api::Client;
use b24_api::rest_v3::tasks::task::{TaskFields, TasksTaskAdd, TasksTaskList};
use b24_api::v3::{Filter, IdempotencyKey, Order, Select, V3Code};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The same webhook URL as for classic calls: REST 3.0 methods go to `/rest/api/…`.
    let client = Client::from_webhook(&b24_examples::webhook_url()?)?;

    // ANCHOR: write
    // One key per logical write; the client repeats the call with it after a timeout or a
    // dropped connection, and the portal answers the repeat from its stored reply.
    let key = IdempotencyKey::generate();
    let task = TasksTaskAdd::new(
        TaskFields::new()
            .title("Подготовить отчет")
            .creator_id(1)
            .responsible_id(1),
    );
    match client.send_idempotent(&task, &key).await {
        Ok(reply) => println!(
            "task {:?} created{}",
            reply.result.item.id,
            if reply.meta.replayed {
                " (stored reply)"
            } else {
                ""
            }
        ),
        Err(err) if err.v3_code() == Some(V3Code::RequestValidation) => {
            for entry in &err.api().map(|a| a.validation.clone()).unwrap_or_default() {
                eprintln!("`{}`: {}", entry.field, entry.message);
            }
            return Err(err.into());
        }
        Err(err) => return Err(err.into()),
    }
    // ANCHOR_END: write

    // The tasks page filters by `id` only; field names are checked against the documented
    // task fields before sending (a typo is `Error::InvalidParams`, nothing sent).
    let filter = Filter::new()
        .or(|any| any.is_in("id", [1, 2, 3]).gt("id", 1000))
        .build()?;
    // Nearest deadline first, then the newest: the keys keep their order on the wire.
    let list = TasksTaskList::new()
        .filter(filter)
        .select(Select::new(["id", "title", "deadline"]).build()?)
        .order(Order::new().asc("deadline").desc("id"));
    let mut pages = client.list_v3(&list, Some(50))?;
    while let Some(page) = pages.next_page().await? {
        for task in page {
            // `rest_v3::tasks::task::Task`: what `select` asked for is `Some`.
            println!("{:?} {:?}", task.id, task.title);
        }
    }
    Ok(())
}
