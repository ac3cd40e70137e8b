// 10,000 village-shaped records for the sync benchmarks, pushed through the
// API as 大庆路社区's admin: 3,000 households on 6 grids, 5,000 visit logs,
// 1,500 cases and 500 activities, with addresses, names and notes of the
// length a village writes them. Orders are not among them: an order is priced by the
// canteen's rules at the time it is placed, which a bulk load cannot match.
import { chinaDate, pushAs } from "./lib.mjs";

export const RECORDS = { households: 3000, visits: 5000, cases: 1500, activities: 500 };
const GRIDS = 6;
const categories = ["key", "general", "general", "general", "difficulty"];
const streets = ["新华西路", "大庆路", "锡林南路", "乌兰察布西街", "昭乌达路", "呼伦贝尔南路"];

export async function loadVillage() {
  const mutations = [];
  for (let g = 0; g < GRIDS; g++) {
    mutations.push({ name: "upsertGrid", args: { id: `bench${g}`, name: `第${g + 1}测试网格`,
      area: `${streets[g]}${1 + g * 10}—${10 + g * 10}号楼及沿街商铺`, worker: null } });
  }
  for (let i = 0; i < RECORDS.households; i++) {
    const street = streets[i % GRIDS];
    mutations.push({ name: "addHousehold", args: { id: `bh${i}`, grid: `bench${i % GRIDS}`,
      address: `${street}${1 + (i % 40)}号院${1 + (i % 12)}号楼${1 + (i % 6)}单元${100 + (i % 600)}室（${i % 3 === 0 ? "东户" : "西户"}）`,
      head: `户主${i}号·${["王", "李", "张", "刘", "赵"][i % 5]}${["建国", "秀英", "淑兰", "海燕"][i % 4]}`,
      category: categories[i % 5] } });
  }
  for (let i = 0; i < RECORDS.visits; i++) {
    mutations.push({ name: "logVisit", args: { id: `bv${i}`, household: `bh${(i * 7) % RECORDS.households}`, date: chinaDate(-(i % 60)),
      found: ["老人身体还好，血压有点高，按时吃药", "暖气不热，楼道灯坏了两盏", "独居老人，子女在外地，想要上门理发"][i % 3],
      done: ["已提醒测血压，下周再来", "已报物业维修", "已登记便民服务预约"][i % 3] } });
  }
  for (let i = 0; i < RECORDS.cases; i++) {
    mutations.push({ name: "reportCase", args: { id: `bk${i}`, kind: ["hazard", "dispute", "request"][i % 3], grid: `bench${i % GRIDS}`,
      place: `${streets[i % GRIDS]}${1 + (i % 40)}号院${1 + (i % 12)}号楼楼道`,
      text: ["楼道堆放纸箱和旧家具，挡住消防通道，住户多次提醒没有清理", "楼上漏水到楼下，两家协商不成，请网格员调解", "老人腿脚不便，想申请代缴水电费和代购药品"][i % 3] } });
  }
  for (let i = 0; i < RECORDS.activities; i++) {
    const starts = Date.now() + (i % 30) * 86_400_000;
    mutations.push({ name: "postActivity", args: { id: `ba${i}`, title: ["冬季扫雪志愿服务", "独居老人上门探访", "垃圾分类宣传"][i % 3],
      startsAt: starts, endsAt: starts + 2 * 3_600_000, place: `${streets[i % GRIDS]}社区服务中心门前广场`, slots: 10 + (i % 20),
      skills: [], grid: null } });
  }
  await pushAs("daqinglu-admin", mutations);
  return mutations.length;
}
