//! The community services of the demo communities, from the seed page:
//! 喜悦社区's 预约上门 and its 15-minute service circle (家庭医生签约、为老
//! 助餐、居民就业指导) as policies, 大庆路社区's 入户认证、代缴费用、代办业务
//! for elderly and empty-nest residents, 金宇文苑社区's 代购 and its
//! canteen's rest area for bad weather, and 金桥社区's 萌宝驿站 (early
//! education, parent–child play, temporary care, parenting guidance). Each
//! is a step through the same mutations as the app's own changes.

use linli_core::calendar::{Date, LocalTime};
use linli_core::services::childcare::{
    BookCare, CareSignupRef, Collector, SaveChild, ScheduleCareSession, SessionKind, Station,
};
use linli_core::services::circle::{PointKind, ServicePoint, SignFamilyDoctor};
use linli_core::services::policies::{AnswerQuestion, AskQuestion, PublishPolicy};
use linli_core::services::records::Feedback;
use linli_core::services::records::{PreferredTime, Service, ServiceKind};
use linli_core::services::requests::{CloseServiceRequest, CompleteService, ConfirmService, RequestService};
use linli_core::services::ServicesMutation;
use linli_core::{Mutation, Role, Timestamp};

use super::rules::Step;

fn step(member: &str, roles: &[Role], at: Timestamp, mutation: ServicesMutation) -> Step {
    Step {
        member: member.to_owned(),
        roles: roles.to_vec(),
        mutation: Mutation::Services(mutation),
        at,
    }
}

/// A catalogue entry.
fn service(
    id: &str,
    zh: &str,
    en: &str,
    kind: ServiceKind,
    bring: &str,
    provider: &str,
    at_home: bool,
) -> ServicesMutation {
    ServicesMutation::UpsertService(Service {
        id: id.to_owned(),
        name_zh: zh.to_owned(),
        name_en: en.to_owned(),
        kind,
        bring: bring.to_owned(),
        provider: provider.to_owned(),
        at_home,
        active: true,
    })
}

/// A point of the 15-minute service circle.
#[allow(clippy::too_many_arguments)] // one literal per field, as the seed page lists them
fn circle_point(
    id: &str,
    kind: PointKind,
    name: &str,
    address: &str,
    phone: &str,
    hours: &str,
    offers: &str,
    walk_minutes: u16,
) -> ServicesMutation {
    ServicesMutation::UpsertServicePoint(ServicePoint {
        id: id.to_owned(),
        kind,
        name: name.to_owned(),
        address: address.to_owned(),
        phone: phone.to_owned(),
        hours: hours.to_owned(),
        offers: offers.to_owned(),
        walk_minutes,
    })
}

fn policy(id: &str, title: &str, body: &str, category: &str, place: &str) -> ServicesMutation {
    ServicesMutation::PublishPolicy(PublishPolicy {
        id: id.to_owned(),
        title: title.to_owned(),
        body: body.to_owned(),
        category: category.to_owned(),
        effective_from: None,
        effective_until: None,
        where_to_apply: place.to_owned(),
    })
}

/// The record every community's services steps make first: how a later
/// start knows they ran.
pub fn seeded_marker(community: &str) -> Option<&'static str> {
    match community {
        "xiyue" => Some("svc/service/home-visit"),
        "daqinglu" => Some("svc/service/residence-check"),
        "jinyu-wenyuan" => Some("svc/service/shopping"),
        "jinqiao" => Some(linli_core::services::childcare::STATION_KEY),
        _ => None,
    }
}

/// The steps for `community`, at `now`.
pub fn steps(community: &str, now: Timestamp) -> Vec<Step> {
    let officer = format!("{community}-officer");
    let resident = format!("{community}-resident");
    let by_officer = |mutation| step(&officer, &[Role::Officer], now, mutation);
    let tomorrow = linli_core::calendar::LocalTime::of(now).date.add_days(1);
    match community {
        "xiyue" => vec![
            by_officer(service(
                "home-visit",
                "预约上门服务",
                "Home visit by appointment",
                ServiceKind::HomeVisit,
                "",
                "喜悦社区志愿服务队",
                true,
            )),
            by_officer(service(
                "haircut",
                "上门理发",
                "Haircut at home",
                ServiceKind::HomeVisit,
                "",
                "志愿者理发小组",
                true,
            )),
            by_officer(policy(
                "family-doctor",
                "家庭医生签约服务",
                "辖区居民可与社区卫生服务站的家庭医生签约，65岁以上老人每年一次免费体检，慢性病患者定期随访。",
                "医疗",
                "社区卫生服务站",
            )),
            by_officer(policy(
                "meals-for-elders",
                "为老助餐",
                "60周岁以上老人在社区食堂堂食享受优惠，行动不便的老人可预约送餐上门。",
                "养老",
                "社区食堂",
            )),
            by_officer(policy(
                "job-guidance",
                "居民就业指导",
                "社区每月举办一次招聘信息发布和就业指导，登记失业人员可领取就业补贴。",
                "就业",
                "社区党群服务中心",
            )),
            step(
                &resident,
                &[Role::Resident],
                now,
                ServicesMutation::AskQuestion(AskQuestion {
                    id: "q-insurance".to_owned(),
                    text: "城乡居民医保每年什么时候交？".to_owned(),
                    public: true,
                }),
            ),
            by_officer(ServicesMutation::AnswerQuestion(AnswerQuestion {
                member: resident.parse().expect("a valid id"),
                id: "q-insurance".to_owned(),
                answer: "每年9月至12月缴纳下一年度的医保，可在社区服务站或手机上缴纳。".to_owned(),
            })),
            by_officer(circle_point(
                "health-station",
                PointKind::FamilyDoctor,
                "喜悦社区卫生服务站",
                "喜悦小区东门北侧",
                "0471-6351120",
                "周一至周六 08:00–17:30",
                "家庭医生签约、慢病随访、65岁以上老人免费体检",
                6,
            )),
            by_officer(circle_point(
                "pharmacy",
                PointKind::Pharmacy,
                "仁和大药房",
                "喜悦路18号",
                "0471-6352288",
                "每天 08:00–21:00",
                "60岁以上老人药品九折，可送药上门",
                5,
            )),
            by_officer(circle_point(
                "supermarket",
                PointKind::Merchant,
                "邻家生鲜超市",
                "喜悦路26号",
                "",
                "每天 07:00–22:00",
                "老人优惠：凭老年证每周二鸡蛋、蔬菜特价",
                8,
            )),
            by_officer(circle_point(
                "jobs",
                PointKind::Employment,
                "社区就业服务站",
                "社区党群服务中心一楼",
                "0471-6350012",
                "周一至周五 09:00–17:00",
                "招聘信息、就业指导、失业登记",
                4,
            )),
            step(
                &resident,
                &[Role::Resident],
                now,
                ServicesMutation::SignFamilyDoctor(SignFamilyDoctor {
                    member: None,
                    point: "health-station".to_owned(),
                    doctor: "王建华医生".to_owned(),
                    since: LocalTime::of(now).date.add_days(-200),
                }),
            ),
        ],
        "daqinglu" => vec![
            by_officer(service(
                "residence-check",
                "入户认证",
                "Residence check at home",
                ServiceKind::Certification,
                "身份证、户口本",
                "大庆路社区服务站",
                true,
            )),
            by_officer(service(
                "pay-bills",
                "代缴水电燃气费",
                "Paying utility bills for you",
                ServiceKind::Payment,
                "缴费户号",
                "网格员",
                false,
            )),
            by_officer(service(
                "errands",
                "代办业务",
                "Errands at the service hall",
                ServiceKind::Errand,
                "身份证",
                "网格员",
                false,
            )),
            step(
                &resident,
                &[Role::Resident],
                now,
                ServicesMutation::RequestService(RequestService {
                    id: "r-check".to_owned(),
                    service: "residence-check".to_owned(),
                    member: None,
                    preferred: vec![PreferredTime {
                        date: tomorrow,
                        from: 9 * 60,
                        until: 11 * 60,
                    }],
                    note: "家里只有老两口，腿脚不方便。".to_owned(),
                    address: "5号楼1单元302".to_owned(),
                    phone: String::new(),
                }),
            ),
        ]
        .into_iter()
        .chain(daqinglu_requests_under_way(community, now))
        .collect(),
        "jinyu-wenyuan" => vec![by_officer(service(
            "shopping",
            "代购生活用品",
            "Shopping done for you",
            ServiceKind::Purchase,
            "购物清单",
            "社区食堂",
            true,
        ))],
        "jinqiao" => childcare_steps(community, now),
        _ => Vec::new(),
    }
}

/// 大庆路社区's requests at the other stages: a utility bill confirmed for
/// a grid worker to pay, an errand reported done, and one the resident has
/// confirmed with stars. The grid workers do 代缴 and 代办 (the catalogue
/// says so), and these carry no address.
fn daqinglu_requests_under_way(community: &str, now: Timestamp) -> Vec<Step> {
    let officer = format!("{community}-officer");
    let resident = format!("{community}-resident");
    let helper = super::volunteers::grid_worker_id(community, 2);
    let member = || resident.parse().expect("a valid id");
    let hour = linli_core::time::HOUR_MS;
    let earlier = Timestamp(now.millis() - 3 * hour);
    let today = LocalTime::of(now).date;
    let request = |id: &str, service: &str, note: &str| {
        step(
            &resident,
            &[Role::Resident],
            now,
            ServicesMutation::RequestService(RequestService {
                id: id.to_owned(),
                service: service.to_owned(),
                member: None,
                preferred: vec![PreferredTime {
                    date: today,
                    from: 0,
                    until: 24 * 60,
                }],
                note: note.to_owned(),
                address: String::new(),
                phone: String::new(),
            }),
        )
    };
    let confirm = |id: &str| {
        step(
            &officer,
            &[Role::Officer],
            now,
            ServicesMutation::ConfirmService(ConfirmService {
                member: member(),
                id: id.to_owned(),
                scheduled_at: earlier,
                volunteer: Some(helper.parse().expect("a valid id")),
            }),
        )
    };
    let complete = |id: &str, note: &str| {
        step(
            &helper,
            &[Role::GridWorker],
            now,
            ServicesMutation::CompleteService(CompleteService {
                member: member(),
                id: id.to_owned(),
                started_at: earlier,
                ended_at: Timestamp(earlier.millis() + hour),
                note: note.to_owned(),
                purchase: None,
            }),
        )
    };
    vec![
        request("r-water", "pay-bills", "这个月的水费，户号 0312-5566。"),
        confirm("r-water"),
        request("r-pension", "errands", "帮忙办理养老金资格认证的材料。"),
        confirm("r-pension"),
        complete("r-pension", "材料已交到街道，一周内办好。"),
        request("r-gas", "pay-bills", "燃气费。"),
        confirm("r-gas"),
        complete("r-gas", "已缴200元，收据放在门口信箱。"),
        step(
            &resident,
            &[Role::Resident],
            now,
            ServicesMutation::CloseServiceRequest(CloseServiceRequest {
                id: "r-gas".to_owned(),
                feedback: Some(Feedback {
                    stars: 5,
                    text: "小王办事利索，谢谢！".to_owned(),
                }),
            }),
        ),
    ]
}

/// 金桥社区's 萌宝驿站: the station, a week of sessions, and the resident's
/// grandson with tomorrow's temporary care and a session.
fn childcare_steps(community: &str, now: Timestamp) -> Vec<Step> {
    let staff = format!("{community}-childcare-staff");
    let resident = format!("{community}-resident");
    let by_staff = |mutation| step(&staff, &[Role::ChildcareStaff], now, mutation);
    let by_resident = |mutation| step(&resident, &[Role::Resident], now, mutation);
    let today = LocalTime::of(now).date;
    let session = |id: &str, kind, title: &str, days: i64, from: u16, months: (u16, u16), places| {
        by_staff(ServicesMutation::ScheduleCareSession(ScheduleCareSession {
            id: id.to_owned(),
            kind,
            title: title.to_owned(),
            date: today.add_days(days),
            from,
            until: from + 60,
            min_months: months.0,
            max_months: months.1,
            places,
        }))
    };
    let born = Date::new(today.year() - 3, today.month(), today.day().min(28)).expect("a valid date");
    vec![
        by_staff(ServicesMutation::SetStation(Station {
            name: "萌宝驿站".to_owned(),
            place: "金桥社区党群服务中心一楼".to_owned(),
            opens: 8 * 60,
            closes: 18 * 60,
            slot_minutes: 60,
            places_per_slot: 6,
            min_months: 12,
            max_months: 72,
        })),
        session(
            "picture-books",
            SessionKind::EarlyEducation,
            "绘本早教",
            1,
            10 * 60,
            (24, 48),
            10,
        ),
        session(
            "play-together",
            SessionKind::ParentChildPlay,
            "亲子游乐",
            2,
            15 * 60,
            (12, 72),
            12,
        ),
        session(
            "parenting-talk",
            SessionKind::ParentingGuidance,
            "育儿指导：幼儿饮食",
            3,
            19 * 60,
            (0, 72),
            30,
        ),
        by_resident(ServicesMutation::SaveChild(SaveChild {
            id: "lele".to_owned(),
            name: "乐乐".to_owned(),
            birth_date: born,
            allergies: "鸡蛋".to_owned(),
            care_notes: "午饭后要睡一会儿。".to_owned(),
            collectors: vec![
                Collector {
                    name: "孙桂兰".to_owned(),
                    relation: "奶奶".to_owned(),
                    description: "白发，常穿蓝色外套".to_owned(),
                },
                Collector {
                    name: "王磊".to_owned(),
                    relation: "爸爸".to_owned(),
                    description: "高个子，戴眼镜，手机尾号 0312".to_owned(),
                },
            ],
        })),
        by_resident(ServicesMutation::BookCare(BookCare {
            id: "care-tomorrow".to_owned(),
            child: "lele".to_owned(),
            date: today.add_days(1),
            from: 9 * 60,
            until: 11 * 60,
        })),
        by_resident(ServicesMutation::SignUpCareSession(CareSignupRef {
            session: "picture-books".to_owned(),
            child: "lele".to_owned(),
        })),
    ]
}
