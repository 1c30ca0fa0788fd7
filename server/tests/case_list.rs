//! Issue 16, item 1: 案件查询 — every case of the reader's subtree, open and closed, filtered,
//! searched and paged by keyset, never a sibling township's case nor a sensitive case its
//! reader may not see.

mod common;

use app::api::case_list::{CaseListPage, CaseQuery, PageFrom, StatusFilter, PAGE_SIZE};
use common::cases::{dispute, push, record_op, settled};
use common::steps::{person_at, reader, record, unit_named};
use common::{TestDb, TestServer};
use domain::procedure::CaseStatus;
use domain::sync::Settled;

/// The list, found both ways a word search can go (from its terms' cases, or reading the
/// reader's cases newest first): the two pages must be the same.
async fn listed(server: &TestServer, username: &str, query: CaseQuery) -> CaseListPage {
    let db = server::db::Db::connect(&server.database_url).await.unwrap();
    let who = reader(server, username).await;
    let now = server::db::now_ms();
    let list = |few_found| server::cases::listing::list_starting(&db, &who, &query, now, few_found);
    // No set is few enough to start from; every set is.
    let newest_first = list(0).await.unwrap();
    let from_terms = list(i64::MAX).await.unwrap();
    assert_eq!(ids(&from_terms), ids(&newest_first), "{query:?}");
    assert_eq!(from_terms.next, newest_first.next, "{query:?}");
    assert_eq!(from_terms.previous, newest_first.previous, "{query:?}");
    // Counted alike both ways, unless newest first does not count (a common word).
    if newest_first.total.is_some() {
        assert_eq!(from_terms.total, newest_first.total, "{query:?}");
    }
    // A list of one page counts what it shows.
    if from_terms.next.is_none() && query.page.is_none() {
        let shown = from_terms.cases.len() as i64;
        assert_eq!(
            from_terms.total,
            Some(app::api::case_list::Total::Exactly(shown)),
            "{query:?}"
        );
    }
    db.pool.close().await;
    from_terms
}

fn search(text: &str) -> CaseQuery {
    CaseQuery {
        search: text.into(),
        ..CaseQuery::default()
    }
}

fn ids(page: &CaseListPage) -> Vec<&str> {
    page.cases.iter().map(|c| c.id.as_str()).collect()
}

fn summaries(page: &CaseListPage) -> Vec<&str> {
    page.cases.iter().map(|c| c.summary.as_str()).collect()
}

async fn records(server: &TestServer, username: &str, facts: domain::dispute::DisputeFacts) {
    let phone = server.signed_in(username).await;
    let answer = push(&phone, server, &[record_op(&facts)]).await;
    assert!(
        matches!(settled(&answer), Settled::Applied { .. }),
        "{answer:?}"
    );
}

async fn the_subtree_and_nothing_else(db: TestDb) {
    let server = TestServer::start(db).await;
    person_at(&server, "lianhua_staff", "staff", "莲花镇").await;
    let phone = server.signed_in("grid").await;
    let leak = record(&server, &phone, "樟树潭：楼上漏水渗到楼下").await;
    let mut wages = dispute("neighbourhood", None, 2, "沙湾村：装修工欠薪");
    wages.parties[0].name = "赵六".into();
    wages.parties[0].phone = Some("139 0000 4321".into());
    records(&server, "grid3", wages).await;
    records(
        &server,
        "grid5",
        dispute("neighbourhood", None, 2, "芝溪村：宅基地边界纠纷"),
    )
    .await;
    let mut sensitive = dispute("neighbourhood", None, 2, "涉敏感：某户家庭纠纷");
    sensitive.sensitive = true;
    records(&server, "grid", sensitive).await;

    // The township sees its villages' cases, not 莲花镇's, and not the sensitive one.
    let township = listed(&server, "township", CaseQuery::default()).await;
    let mut seen = summaries(&township);
    seen.sort_unstable();
    assert_eq!(seen, vec!["樟树潭：楼上漏水渗到楼下", "沙湾村：装修工欠薪"]);
    assert!(township.next.is_none());
    // 莲花镇 sees its own only; the county all three; nobody the sensitive one's facts.
    assert_eq!(
        summaries(&listed(&server, "lianhua_staff", CaseQuery::default()).await),
        vec!["芝溪村：宅基地边界纠纷"]
    );
    let county = listed(&server, "county", CaseQuery::default()).await;
    assert_eq!(county.cases.len(), 3, "{:?}", summaries(&county));
    assert!(county.cases.iter().all(|c| !c.summary.contains("涉敏感")));
    // The recorder sees what they recorded, sensitive too.
    assert_eq!(
        listed(&server, "grid", CaseQuery::default())
            .await
            .cases
            .len(),
        2
    );

    // Filters and the search box.
    let shawan = unit_named(&server, "沙湾村").await;
    let in_shawan = CaseQuery {
        unit: Some(shawan),
        ..CaseQuery::default()
    };
    assert_eq!(
        summaries(&listed(&server, "township", in_shawan).await),
        vec!["沙湾村：装修工欠薪"]
    );
    for (typed, expected) in [
        ("4321", "沙湾村：装修工欠薪"),
        ("13900004321", "沙湾村：装修工欠薪"),
        ("赵六", "沙湾村：装修工欠薪"),
        ("漏水", "樟树潭：楼上漏水渗到楼下"),
        // Words of the summary are found by their pairs of characters, then read in the text;
        // a single character has no pair and is read in the text alone.
        ("渗到楼下", "樟树潭：楼上漏水渗到楼下"),
        ("漏", "樟树潭：楼上漏水渗到楼下"),
        ("欠薪", "沙湾村：装修工欠薪"),
        // Words typed apart are each found, in any order.
        ("渗到 楼上", "樟树潭：楼上漏水渗到楼下"),
    ] {
        assert_eq!(
            summaries(&listed(&server, "county", search(typed)).await),
            vec![expected],
            "{typed}"
        );
    }
    let number: String = common::steps::lookup(
        &server,
        "SELECT number AS v FROM cases WHERE id = $1",
        &leak,
    )
    .await;
    let sequence = number.rsplit('-').next().unwrap().trim_start_matches('0');
    for typed in [number.as_str(), sequence] {
        assert_eq!(
            listed(&server, "county", search(typed)).await.cases[0].id,
            leak,
            "{typed}"
        );
    }
    // A sibling township's case is not found by its words either; wildcards are literal.
    assert!(listed(&server, "township", search("宅基地"))
        .await
        .cases
        .is_empty());
    // Every pair of "渗到楼上" is in the summary, but not the words: not found.
    assert!(listed(&server, "county", search("渗到楼上"))
        .await
        .cases
        .is_empty());
    assert!(listed(&server, "county", search("%"))
        .await
        .cases
        .is_empty());
    // Status: all open; none closed.
    let closed = CaseQuery {
        status: StatusFilter::Is(CaseStatus::Closed),
        ..CaseQuery::default()
    };
    assert!(listed(&server, "county", closed).await.cases.is_empty());
    let open = CaseQuery {
        status: StatusFilter::Open,
        ..CaseQuery::default()
    };
    assert_eq!(listed(&server, "county", open).await.cases.len(), 3);
    // No phone or ID number in what the list carries.
    let json = serde_json::to_string(&county).unwrap();
    assert!(
        !json.contains("4321") && !json.contains("13812345678"),
        "{json}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_keeps_to_the_readers_subtree() {
    on_every_backend!(the_subtree_and_nothing_else);
}

/// A hundred and ten disputes page as fifty, fifty and ten, newest first, none twice and none
/// left out; 上一页 from the last page gives the same pages back, the first one whole; oldest
/// first gives the same cases the other way round.
async fn pages_follow_one_another(db: TestDb) {
    let server = TestServer::start(db).await;
    let phone = server.signed_in("grid").await;
    let total = 2 * PAGE_SIZE + 10;
    for chunk in (0..total).collect::<Vec<_>>().chunks(20) {
        let ops: Vec<_> = chunk
            .iter()
            .map(|i| {
                record_op(&dispute(
                    "neighbourhood",
                    None,
                    2,
                    &format!("第{i}起 噪音纠纷"),
                ))
            })
            .collect();
        push(&phone, &server, &ops).await;
    }
    let mut query = CaseQuery::default();
    let mut newest_first = Vec::new();
    let mut pages = Vec::new();
    loop {
        let page = listed(&server, "village", query.clone()).await;
        newest_first.extend(page.cases.iter().map(|c| (c.recorded_at, c.id.clone())));
        pages.push(page.clone());
        match page.next {
            Some(last) => query.page = Some(PageFrom::After(last)),
            None => break,
        }
    }
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].previous, None, "the first page has no 上一页");
    // Each page's neighbours are numbered for 「第 N 页」.
    let numbers = |p: &CaseListPage| {
        (
            p.previous.as_ref().map(|c| c.page),
            p.next.as_ref().map(|c| c.page),
        )
    };
    assert_eq!(numbers(&pages[0]), (None, Some(2)));
    assert_eq!(numbers(&pages[1]), (Some(1), Some(3)));
    assert_eq!(numbers(&pages[2]), (Some(2), None));
    // Back from the last page, one page at a time, to the first.
    let mut back = pages.last().unwrap().clone();
    for earlier in pages.iter().rev().skip(1) {
        let first = back.previous.clone().expect("上一页");
        query.page = Some(PageFrom::Before(first));
        back = listed(&server, "village", query.clone()).await;
        assert_eq!(ids(&back), ids(earlier));
        assert_eq!(back.next, earlier.next);
        assert_eq!(back.previous, earlier.previous);
    }
    assert_eq!(newest_first.len(), total);
    let mut sorted = newest_first.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(newest_first, sorted, "newest first, by receipt then id");
    let mut query = CaseQuery {
        order: app::api::case_list::Order::Oldest,
        ..CaseQuery::default()
    };
    let mut oldest_first = Vec::new();
    loop {
        let page = listed(&server, "village", query.clone()).await;
        oldest_first.extend(page.cases.iter().map(|c| (c.recorded_at, c.id.clone())));
        match page.next {
            Some(last) => query.page = Some(PageFrom::After(last)),
            None => break,
        }
    }
    newest_first.reverse();
    assert_eq!(oldest_first, newest_first);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_follow_one_another_without_gaps() {
    on_every_backend!(pages_follow_one_another);
}
