//! Filter a list with the classic filter builder: the documented key prefixes (`@` IN,
//! `>=`, `%` LIKE, `!=` …) without writing them by hand, field names from the generated
//! `DealField`, and the CRM constants. A field the entity does not document, or an `order`
//! direction other than ASC/DESC, is refused before anything is sent.
//!
//! `B24_WEBHOOK_URL=https://example.bitrix24.ru/rest/1/your_webhook_code/ cargo run -p b24-examples --example filter`

#![allow(deprecated)]

use b24_api::crm::deal::{CrmDealList, DealField};
use b24_api::crm::item::CrmItemList;
use b24_api::crm::{EntityTypeId, StatusEntityId};
use b24_api::filter::{Filter, Order};
use b24_api::serde_json::json;
use b24_api::{Client, Error};
use futures_util::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_webhook(&b24_examples::webhook_url()?)?;

    // Deals of the general pipeline in two stages, 5,000 or more, with "rent" in the
    // title and a comment: {"@STAGE_ID": [...], ">=OPPORTUNITY": 5000, "%TITLE": "rent",
    // "!=COMMENTS": ""}.
    let filter = Filter::new()
        .r#in(DealField::StageId, ["NEW", "PREPARATION"])
        .ge(DealField::Opportunity, 5000)
        .like(DealField::Title, "rent")
        .is_not_empty(DealField::Comments);
    let request = CrmDealList::new()
        .select([DealField::Id, DealField::Title, DealField::Opportunity])
        .filter(filter)
        .order(Order::new().desc(DealField::Opportunity));
    // Items are the typed records of `crm.deal.list` (`CrmDealListItem`).
    let deals: Vec<_> = client.stream(&request).try_collect().await?;
    for deal in deals.iter().take(5) {
        println!("{:?} {:?} {:?}", deal.id, deal.title, deal.opportunity);
    }
    println!("{} deals", deals.len());

    // Raw JSON stays possible, and `crm.item.list` takes the entity type as a constant.
    let invoices = CrmItemList::new(EntityTypeId::Invoice.into())
        .select(["id", "title"])
        .filter(json!({">=opportunity": 1000}));
    let count = client
        .stream_by_id(&invoices)
        .try_fold(0usize, |n, _| async move { Ok(n + 1) })
        .await?;
    println!("{count} invoices of 1000 or more");
    println!(
        "stages of pipeline 1 are in crm.status.list with ENTITY_ID={}",
        StatusEntityId::DealStage(1)
    );

    // A typo in a field name is caught before sending.
    let typo = CrmDealList::new().filter(Filter::new().eq("STAGE", "WON"));
    match std::pin::pin!(client.stream(&typo)).try_next().await {
        Err(err @ Error::InvalidParams { .. }) => println!("refused: {err}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
