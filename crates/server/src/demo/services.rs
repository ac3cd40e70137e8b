//! The community services of the demo communities, from the seed page:
//! 喜悦社区's 预约上门 and its 15-minute service circle (家庭医生签约、为老
//! 助餐、居民就业指导) as policies, 大庆路社区's 入户认证、代缴费用、代办业务
//! for elderly and empty-nest residents, and 金宇文苑社区's 代购 and its
//! canteen's rest area for bad weather. Each is a step through the same
//! mutations as the app's own changes.

use linli_core::services::policies::{AnswerQuestion, AskQuestion, PublishPolicy};
use linli_core::services::records::{PreferredTime, Service, ServiceKind};
use linli_core::services::requests::RequestService;
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
        ],
        "jinyu-wenyuan" => vec![by_officer(service(
            "shopping",
            "代购生活用品",
            "Shopping done for you",
            ServiceKind::Purchase,
            "购物清单",
            "社区食堂",
            true,
        ))],
        _ => Vec::new(),
    }
}
