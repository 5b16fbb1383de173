// The second county: 同心县 (Tongxin County, Wuzhong, Ningxia; admin code 640324), seed 7301.
// Generated at test time (CTest samplegen.county2), never committed.  It differs from the sample
// in every way a county's own data differs — outline and size, anchor places, townships, rivers,
// field names and value words of every layer, which layers exist, the land-use encoding, the
// raster class table and dates, speckle — so that ecozone is tested on data it was not built
// around.  The fields and words are listed in docs/county2.md.
#include "samplegen/profile.h"

namespace ecozone::samplegen {

namespace {

// A county land-cover legend (values 10..90): several-code classes (`codes`) and land-group
// classes (`group`) besides single-code ones.
ClassScheme make_classes() {
    constexpr uint8_t kCrop = 10, kWood = 20, kGrass = 30, kWater = 40, kWet = 50, kBuilt = 60, kMine = 70, kPv = 80,
                      kBare = 90;
    ClassScheme s;
    s.classes = {
        {kCrop, "", {}, "cropland", "耕地", "0102, 0103, 1202", 240, 225, 90},
        {kWood, "", {"0301", "0305", "0307"}, "", "林地", "0301, 0305, 0307", 40, 130, 50},
        {kGrass, "", {"0401", "0404"}, "", "草地", "0401, 0404", 185, 215, 130},
        {kWater, "", {}, "water", "水域", "1101, 1104, 1107", 50, 120, 215},
        {kWet, "", {"1106", "0402"}, "", "湿地", "1106, 0402", 110, 195, 200},
        {kBuilt, "", {"0701", "0702", "1003"}, "", "城乡建设用地", "0701, 0702, 1003", 215, 70, 60},
        {kMine, "0602", {}, "", "工矿用地", "0601, 0602", 140, 70, 140},
        {kPv, "1302", {}, "", "光伏用地", "1302", 45, 45, 95},
        {kBare, "", {"1205", "1206", "1207"}, "", "裸地", "1205, 1206, 1207", 220, 200, 165},
    };
    // In Lc order (classes.h).
    s.of_lc = {kCrop,  kCrop,  kWood,  kWood, kGrass, kWet,  kGrass, kMine, kMine, kBuilt, kBuilt,
               kBuilt, kWater, kWater, kWet,  kWater, kCrop, kBare,  kBare, kBare, kPv,    kWood};
    s.of_role = {kCrop, kCrop, kWood, kWood, kGrass, kGrass, kWater, kWet, kBuilt, kMine, kPv, kBare};
    s.confusable[kCrop] = {kGrass, kBare};
    s.confusable[kWood] = {kGrass};
    s.confusable[kGrass] = {kWood, kBare, kCrop};
    s.confusable[kWater] = {kWet};
    s.confusable[kWet] = {kWater, kGrass};
    s.confusable[kBuilt] = {kMine, kBare, kCrop};
    s.confusable[kMine] = {kBuilt, kBare};
    s.confusable[kPv] = {kMine, kBuilt, kBare};
    s.confusable[kBare] = {kGrass, kMine};
    return s;
}

const ClassScheme& classes() {
    static const ClassScheme scheme = make_classes();
    return scheme;
}

Profile make() {
    Profile p;
    p.key = "county2";
    p.default_seed = 7301;
    p.outline_name = "同心县";
    p.admin_code = "640324";
    p.project_file = "county2.toml";
    p.project_name = "同心县生态分区（第二县测试数据）";
    p.benchmark_name_prefix = "同心县生态分区基准数据（第二县）";
    // The outline's centroid (106.26°E) is nearest CM 105°E: ecozone picks EPSG:4544 itself.
    p.write_working_epsg = false;
    p.copy_rules = true;

    p.seat = {105.914, 36.980};  // 豫海镇, the county town on the 清水河
    p.town = {106.475, 37.205};  // 韦州镇
    // The east half of Luoshan (罗山) lies in 韦州镇; the reserve straddles the border with
    // 红寺堡区, so its centre stays where it is and only the part inside is the county's.
    p.reserve = {106.245, 37.290};
    p.reserve_pulled_inside = false;
    // The irrigated valley of the 清水河 around the county town (NNW-SSE).
    p.plain_centre = {105.905, 37.010};
    p.plain_along_m = 21000;
    p.plain_across_m = 6500;
    p.plain_angle_deg = 100;
    p.water_source = {105.862, 36.955};
    // Seven towns and four townships (乡); 豫海镇 holds the urban core.
    p.townships = {
        {"豫海镇", {105.914, 36.980}, 1.0, 100},   {"河西镇", {105.845, 37.060}, 0.95, 101},
        {"韦州镇", {106.475, 37.205}, 1.4, 102},   {"下马关镇", {106.560, 37.010}, 1.35, 103},
        {"预旺镇", {106.420, 36.720}, 1.3, 104},   {"王团镇", {106.110, 36.850}, 1.15, 105},
        {"丁塘镇", {105.960, 37.100}, 0.9, 106},   {"田老庄乡", {105.790, 36.880}, 0.95, 200},
        {"马高庄乡", {106.250, 36.640}, 1.0, 201}, {"张家塬乡", {106.280, 36.930}, 1.05, 202},
        {"兴隆乡", {105.670, 37.200}, 0.8, 203},
    };
    p.first_township_is_urban_core = false;

    // Synthetic village names (行政村).
    p.village_names = {"清水村",   "河湾村",   "杨家塘村", "窑山村",     "马家河湾村", "石狮村",   "旱天岭村",
                       "新华村",   "南关村",   "北村",     "沙坡村",     "红岗村",     "堡子村",   "沙沟村",
                       "东沟村",   "西沟村",   "红城水村", "周家河湾村", "羊路村",     "黑泉村",   "李家山村",
                       "井沟村",   "阳洼村",   "菊花台村", "高崖村",     "庙儿岔村",   "上流水村", "下流水村",
                       "贺家塬村", "喊叫水村", "苦水村",   "张家滩村",   "深沟村",     "田家岔村", "大沟沿村",
                       "金家井村", "新庄子村", "二道岭村", "狼窝子村",   "河东村",     "南塬村",   "北塬村",
                       "土峰村",   "麻岔村",   "柳泉村",   "双井子村",   "马家塬村",   "虎家塬村"};
    p.village_count = 40;
    p.villages_on_plain_per_10 = 4;  // hill villages are many here
    p.urban = {{{"同心县城城镇开发边界", "同心县城重点管控单元", 2500, 0.3},
                {"韦州镇区城镇开发边界", "韦州镇区重点管控单元", 1300, 0.25}}};
    // Parks exist on the ground (industrial land in the land use, key control units) but the
    // county delivers no parks layer.
    p.parks = {{{"韦州工业集中区", {106.520, 37.165}, 5000, 3000, -1800, 1800, -2200, -2200, 2200, 1600},
                {"同心工业园区", {105.955, 37.045}, 2600, 1800, 1500, 1500, -500, 500, 1000, 1200}}};
    p.pv_count = 8;
    p.water_source_name = "同心县城区地下水饮用水水源地";
    p.water_source_quasi = true;
    p.reserve_name = "宁夏罗山国家级自然保护区";

    // The 清水河 north through the valley past the county town; the 苦水河 north from 下马关 past
    // 韦州 into 红寺堡区; the 折死沟 west from 预旺 to the 清水河.  Belts 150, 80 and 60 m.
    // clang-format off
    p.rivers = {
        {"清水河", "HD640324001", Lc::River, 20, 500, 150, 700, 140,
         {{106.10, 36.52}, {106.08, 36.70}, {106.02, 36.85}, {105.94, 36.96}, {105.90, 37.08}, {105.84, 37.18},
          {105.79, 37.30}}},
        {"苦水河", "HD640324002", Lc::River, 12, 350, 80, 600, 110,
         {{106.36, 36.70}, {106.30, 36.85}, {106.27, 36.97}, {106.28, 37.06}, {106.31, 37.16}, {106.34, 37.27},
          {106.37, 37.40}}},
        {"折死沟", "HD640324003", Lc::River, 6, 250, 60, 500, 80,
         {{106.62, 36.70}, {106.45, 36.76}, {106.30, 36.80}, {106.17, 36.83}, {106.05, 36.86}}},
    };
    p.canals = {
        {"同心扬黄干渠", "QD640324001", Lc::Canal, 5, 0, 0, 250, 0,
         {{106.16, 37.18}, {106.26, 37.11}, {106.40, 37.06}, {106.50, 36.97}, {106.50, 36.86}}},
        {"清水河河西支渠", "QD640324002", Lc::Canal, 3, 0, 0, 150, 0,
         {{105.82, 37.16}, {105.85, 37.05}, {105.88, 36.96}, {105.95, 36.88}}},
    };
    p.roads = {
        {"同心—韦州公路", "GL640324001", Lc::Road, 12, 0, 0, 150, 0,
         {{105.914, 36.980}, {106.05, 37.03}, {106.20, 37.08}, {106.34, 37.15}, {106.475, 37.205}}},
        {"同心—预旺公路", "GL640324002", Lc::Road, 10, 0, 0, 150, 0,
         {{105.914, 36.980}, {106.05, 36.90}, {106.20, 36.82}, {106.32, 36.76}, {106.420, 36.720}}},
        {"福银高速同心段", "GL640324003", Lc::Road, 18, 0, 0, 120, 0,
         {{105.86, 37.30}, {105.88, 37.12}, {105.93, 36.96}, {106.00, 36.80}, {106.06, 36.55}}},
    };
    // clang-format on

    p.redline_share = 0.27;
    p.redline_code_prefix = "STHX640324";
    p.reserve_redline_name = "罗山（同心片区）生物多样性维护生态保护红线";
    p.water_redline_name = "同心县城区水源地水源涵养生态保护红线";
    // Wind-break units in the sandy north-east, soil-conservation units on the southern loess hills.
    p.sand_units = {
        {"韦州北部防风固沙生态保护红线", "防风固沙", 106.56, 37.28, 4500, 1},
        {"下马关东部防风固沙生态保护红线", "防风固沙", 106.62, 37.02, 6000, 2},
        {"兴隆乡防风固沙生态保护红线", "防风固沙", 105.66, 37.21, 3000, 3},
        {"预旺南部水土保持生态保护红线", "水土保持", 106.38, 36.66, 6000, 4},
        {"马高庄乡水土保持生态保护红线", "水土保持", 106.22, 36.60, 3500, 5},
        {"田老庄乡水土保持生态保护红线", "水土保持", 105.80, 36.86, 4500, 6},
    };
    // The 折死沟 is left unprotected.
    p.wetlands = {{"清水河", 800, "宁夏同心清水河国家湿地公园（样例）", false},
                  {"苦水河", 600, "苦水河自治区重要湿地（同心段，样例）", true}};

    using K = ReceptorKind;
    p.institutions = {
        {"同心县第一中学", K::School, 0, 1500},    {"同心县豫海中学", K::School, 0, 1800},
        {"同心县第二小学", K::School, 0, 1600},    {"河西镇中心小学", K::School, 1, 900},
        {"韦州镇中心小学", K::School, 2, 900},     {"下马关镇中心小学", K::School, 3, 900},
        {"预旺镇中心小学", K::School, 4, 900},     {"王团镇中心小学", K::School, 5, 900},
        {"丁塘镇中心小学", K::School, 6, 900},     {"兴隆乡中心小学", K::School, 10, 900},
        {"同心县人民医院", K::Hospital, 0, 1200},  {"同心县中医医院", K::Hospital, 0, 1500},
        {"韦州镇卫生院", K::Hospital, 2, 800},     {"下马关镇卫生院", K::Hospital, 3, 800},
        {"预旺镇卫生院", K::Hospital, 4, 800},     {"同心县社会福利院", K::ElderlyCare, 0, 2000},
        {"韦州镇敬老院", K::ElderlyCare, 2, 1000}, {"王团镇敬老院", K::ElderlyCare, 5, 1000},
    };
    p.sites = {
        {"同心县50MW光伏复合项目", "pv_wind", "光伏发电"},
        {"同心县年产50万吨水泥粉磨站项目", "other_industry", "水泥制造"},
        {"同心县煤焦化综合利用项目", "polluting_industry", "煤化工"},
        {"罗山东麓建筑用砂石开采项目", "mining", "砂石开采"},
        {"韦州至下马关公路改建工程", "linear_infrastructure", "道路建设"},
        {"罗山东麓生态旅游驿站项目", "tourism", "旅游开发"},
        {"同心县万只滩羊规模化养殖场项目", "farming_grazing", "规模化养殖"},
        {"豫海镇农村住房改造项目", "housing", "农村住房"},
        {"韦州光伏发电二期项目", "pv_wind", "光伏发电"},
        {"同心县防风固沙生态修复工程", "eco_restoration", "生态修复"},
    };
    p.site_id_prefix = "TX-2025-";
    p.random_sites = 300;
    p.random_polygon_words = {"光伏发电",   "砂石开采", "水泥制造", "煤化工",
                              "规模化养殖", "旅游开发", "农村住房", "生态修复"};
    p.random_line_words = {"道路建设", "管线工程"};
    p.random_point_words = {"风力发电", "旅游开发", "砂石开采"};
    p.industry_words = {{"光伏发电", "pv_wind"},
                        {"风力发电", "pv_wind"},
                        {"砂石开采", "mining"},
                        {"水泥制造", "other_industry"},
                        {"煤化工", "polluting_industry"},
                        {"规模化养殖", "farming_grazing"},
                        {"旅游开发", "tourism"},
                        {"道路建设", "linear_infrastructure"},
                        {"管线工程", "linear_infrastructure"},
                        {"农村住房", "housing"},
                        {"生态修复", "eco_restoration"}};

    p.forest_post_target = 0.11;
    p.forest_legacy_extra = 0.02;
    p.shrub_sparse_extra = 0.01;
    p.sparse_as_other_forest = true;
    p.seed_points_scale0 = 3300;

    Schema& s = p.schema;
    s.district_file = "XZQ_XJ";
    s.townships_file = "XZQ_XZ";
    s.villages_file = "XZQ_CJ";
    s.redline_file = "STBHHX";
    s.reserve_file = "ZRBHD_GNFQ";
    s.rivers_file = "HL";
    s.river_belts_file = "river_belts";
    s.water_file = "YYSSYBHQ";
    s.farmland_file = "YJJBNT";
    s.urban_file = "CZKFBJ";
    s.parks_file = "";
    s.wetland_parks_file = "SDGY";
    s.important_wetlands_file = "ZYSD";
    s.control_units_file = "HJGKDY";
    s.receptors_file = "MGMB";
    s.sites_file = "JSXM";
    s.landuse_file = "DLTB";
    s.district_fields = {"QXDM", "QXMC"};
    s.township_fields = {"XZDM", "XZMC"};
    s.village_fields = {"CJDM", "CJMC", "SSXZMC"};
    s.redline_fields = {"BHHX_BH", "BHHX_MC", "BHHX_LX"};
    s.reserve_fields = {"BHDMC", "GNQ", ""};
    s.river_fields = {"HDMC", "HDBM"};
    s.river_belt_fields = {"HDMC", "HDBM", "KD"};
    s.water_fields = {"SYDMC", "BHQJB"};
    s.farmland_field = "BHTBBH";
    s.farmland_code_prefix = "640324JBNT";
    s.farmland_code_digits = 6;
    s.urban_field = "BJMC";
    s.park_field = "";
    s.wetland_park_field = "SDGYMC";
    s.important_wetland_field = "SDMC";
    s.control_unit_fields = {"HJGKDYBM", "HJGKDYMC", "DYLX"};
    s.receptor_fields = {"MBMC", "MBLX"};
    s.site_fields = {"XMBH", "XMMC", "", "HYLX"};
    using C = LuColumn;
    // No net-area field (TBMJ is the area), no special-shrubland flag; 权属单位 names the village.
    s.landuse_fields = {{"TBBH", C::SerialText},    {"DLDM", C::Code},       {"DLMC", C::Name},
                        {"QSDWMC", C::UnitName},    {"ZLDWDM", C::UnitCode}, {"TBMJ", C::Area},
                        {"KCXS", C::DeductionRate}, {"KCMJ", C::Deduction},  {"FGD", C::ShrubCover}};
    s.map_all_fields = true;
    s.landuse_gbk = false;
    s.landuse_gpkg = false;
    s.reserve_words = {"核心", "缓冲", "实验"};
    s.reserve_two_words = {"", ""};
    s.water_words = {"一级保护区", "二级保护区", "准保护区"};
    s.control_words = {"优先保护类", "重点管控类", "一般管控类"};
    s.receptor_words = {"村庄", "学校", "医疗机构", "养老机构"};

    RasterLook& r = p.raster;
    r.classes = &classes();
    r.edge_mix = 0.45;
    r.speckle = 0.055;
    r.corner_pairs = 0.3;
    r.before_file = "TDFG_2019.tif";
    r.after_file = "TDFG_2024.tif";
    r.before_date = "2019-08-20";
    r.after_date = "2024-08-25";
    r.description = "ecozone synthetic land-cover classification modelled on Tongxin County (second-county test data)";

    ProjectSettings& ps = p.settings;
    ps.forest_target_pct = 12.0;
    ps.wetland_target_pct = 65.0;
    ps.route_tolerance_pct = 1.0;
    ps.audit_year = 2024;
    ps.audit_batch = 2;
    ps.natural = {20, 30, 40, 50, 90};
    ps.activity = {{10, "01", "-> 耕地: reclamation (农业用地)"},
                   {60, "02", "-> 城乡建设: settlement (居民点)"},
                   {70, "04", "-> 工矿: quarry (采石场) in natural land"},
                   {80, "05", "-> 光伏: energy facility (能源设施)"}};
    ps.pairs_comment = "Cropland lost to building, mining or PV is human activity too.";
    ps.pairs = {{"10->60", "02"}, {"10->70", "03"}, {"10->80", "05"}};
    ps.min_area_m2 = {{"*", 800}, {"02", 200}, {"04", 200}, {"05", 200}};
    ps.mmu_comment = "the county's: 200 m² structures, 800 m² farming; one 30 m pixel passes both";
    return p;
}

}  // namespace

const Profile& county2_profile() {
    static const Profile profile = make();
    return profile;
}

}  // namespace ecozone::samplegen
