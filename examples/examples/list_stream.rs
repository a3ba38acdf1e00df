//! Read every lead of a portal as a stream of typed items: first with `start`/`next`
//! paging (pages after the first go 50 to a `batch` request), then by the "by ID" walk the
//! documentation recommends for large lists, newest first.
//!
//! `B24_WEBHOOK_URL=https://example.bitrix24.ru/rest/1/your_webhook_code/ cargo run -p b24-examples --example list_stream`

// `crm.lead.list` is deprecated in favour of `crm.item.list`, and still served.
#![allow(deprecated)]

use b24_api::Client;
use b24_api::crm::lead::{CrmLeadList, LeadField};
use b24_api::filter::Order;
use futures_util::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_webhook(&b24_examples::webhook_url()?)?;

    // ANCHOR: stream
    // `select` takes field names: the generated `LeadField`, strings, or the masks
    // "*" and "UF_*". `order` keeps the order given: by status, then newest first.
    let request = CrmLeadList::new()
        .select([LeadField::Id, LeadField::Title, LeadField::StatusId])
        .order(
            Order::new()
                .asc(LeadField::StatusId)
                .desc(LeadField::DateCreate),
        );
    let mut leads = std::pin::pin!(client.stream(&request));
    let mut count = 0;
    while let Some(lead) = leads.try_next().await? {
        // One item at a time; at most one request's worth (2,500) is held in memory.
        if count < 5 {
            // A typed `Lead`: every field is an `Option`, ids are numbers.
            println!("{:?} {:?} {:?}", lead.id, lead.status_id, lead.title);
        }
        count += 1;
    }
    // ANCHOR_END: stream
    println!("{count} leads");

    // The by-ID walk: `order` may hold the ID alone, ASC (the default) or DESC.
    let newest_first = CrmLeadList::new()
        .select(["ID", "TITLE"])
        .order(Order::new().desc(LeadField::Id));
    let ids: Vec<i64> = client
        .stream_by_id(&newest_first)
        .map_ok(|lead| lead.id.unwrap_or_default())
        .try_collect()
        .await?;
    println!("{} leads by ID, the newest {:?}", ids.len(), ids.first());
    Ok(())
}
