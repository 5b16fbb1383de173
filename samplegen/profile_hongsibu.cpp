// The committed sample project: 红寺堡区 (Hongsibu District, Wuzhong, Ningxia), seed 20211.
// Its output is checked byte for byte against sample_shapefiles/ (CTest
// samplegen.reproduces_committed_sample), so nothing here may change without regenerating it.
#include "samplegen/profile.h"

namespace ecozone::samplegen {

namespace {

Profile make() {
    Profile p;
    p.key = "hongsibu";
    p.default_seed = 20211;
    p.outline_name = "红寺堡区";
    p.admin_code = "640303";
    p.project_file = "hongsibu.toml";
    p.project_name = "红寺堡区生态分区样例";
    p.benchmark_name_prefix = "红寺堡区生态分区基准数据";
    p.write_working_epsg = true;

    p.seat = {106.060, 37.430};
    p.town = {106.480, 37.520};  // 太阳山镇
    // Luoshan National Nature Reserve: N 37°11'-37°25', E 106°04'-106°24'.
    p.reserve = {106.165, 37.300};
    p.plain_centre = {105.975, 37.380};  // the irrigated plain (扬黄灌区)
    p.water_source = {106.110, 37.400};
    // Township weights: larger townships reach further; 太阳山镇 and 新庄集乡 are the large,
    // thinly settled ones.  新民街道 is the urban core of the seat.
    p.townships = {{"新民街道", {106.060, 37.430}, 1.0, 1},  {"红寺堡镇", {106.060, 37.430}, 1.0, 2},
                   {"太阳山镇", {106.480, 37.520}, 1.45, 3}, {"大河乡", {105.900, 37.300}, 1.15, 4},
                   {"新庄集乡", {106.020, 37.220}, 1.1, 5},  {"柳泉乡", {105.915, 37.400}, 1.05, 6}};
    p.first_township_is_urban_core = true;

    // Plausible village names of the district's resettlement villages (生态移民村); synthetic.
    p.village_names = {"红崖村", "沙泉村", "杨柳村", "新集村", "东源村",   "梨花村",   "弘德村", "大河村",
                       "龙泉村", "兴盛村", "朝阳村", "石坡村", "团结村",   "香园村",   "新圈村", "玉池村",
                       "平原村", "甘沟村", "川心村", "红光村", "永新村",   "中圈塘村", "上源村", "开元村",
                       "河西村", "马渠村", "海子村", "白墩村", "鲁家窑村", "双井村",   "新源村", "康庄村",
                       "光彩村", "兴旺村", "同德村", "和顺村", "泉眼村",   "柳树湾村", "金塘村", "甜水河村"};
    p.village_count = 26;
    p.urban = {{{"红寺堡区城区城镇开发边界", "红寺堡城区重点管控单元", 2700, 0.28},
                {"太阳山镇区城镇开发边界", "太阳山镇区重点管控单元", 1200, 0.25}}};
    p.parks = {{{"太阳山开发区", {106.455, 37.468}, 6000, 3800, -2500, 2500, -2600, -2600, 2800, 2000},
                {"红寺堡工业园区", {106.105, 37.462}, 2800, 2000, 1700, 1700, -600, 600, 1200, 1400}}};
    p.pv_count = 6;
    p.water_source_name = "红寺堡城区地下水饮用水水源地";
    p.water_source_quasi = false;
    p.reserve_name = "宁夏罗山国家级自然保护区";

    // Courses modelled on the map: the 清水河 along the south-western edge, the 红柳沟 from the
    // western flank of Luoshan north-west across the plain, the 苦水河 north through the south-east
    // lobe, out of the district east of Luoshan and back in, past 太阳山 to the north.
    // Waypoints run a little past the district so that clipping makes natural ends.
    // clang-format off
    p.rivers = {
        {"苦水河", "HL640303001", Lc::River, 15, 450, 100, 700, 120,
         {{106.26, 37.02}, {106.30, 37.15}, {106.33, 37.26}, {106.36, 37.36}, {106.37, 37.46}, {106.40, 37.55}, {106.42, 37.67}}},
        {"红柳沟", "HL640303002", Lc::River, 8, 300, 50, 500, 90,
         {{106.12, 37.30}, {106.05, 37.35}, {105.97, 37.41}, {105.88, 37.47}, {105.77, 37.53}}},
        {"清水河", "HL640303003", Lc::River, 20, 550, 100, 800, 150,
         {{105.89, 37.02}, {105.83, 37.14}, {105.78, 37.26}, {105.71, 37.37}}},
    };
    // The pumped-irrigation main canal and a branch (红寺堡扬水工程).
    p.canals = {
        {"红寺堡扬水干渠", "QD640303001", Lc::Canal, 6, 0, 0, 200, 0,
         {{106.00, 37.66}, {106.01, 37.52}, {105.99, 37.44}, {105.95, 37.36}, {105.90, 37.28}}},
        {"红寺堡扬水二干渠", "QD640303002", Lc::Canal, 4, 0, 0, 150, 0,
         {{105.99, 37.44}, {105.90, 37.42}, {105.81, 37.40}}},
    };
    p.roads = {
        {"红寺堡—太阳山公路", "GL640303001", Lc::Road, 15, 0, 0, 150, 0,
         {{106.06, 37.43}, {106.20, 37.46}, {106.35, 37.49}, {106.48, 37.52}, {106.60, 37.55}}},
        {"红寺堡—大河公路", "GL640303002", Lc::Road, 12, 0, 0, 150, 0,
         {{106.06, 37.43}, {105.98, 37.36}, {105.90, 37.30}, {105.79, 37.17}}},
        {"红寺堡—北部公路", "GL640303003", Lc::Road, 15, 0, 0, 120, 0,
         {{106.06, 37.43}, {106.05, 37.52}, {106.03, 37.67}}},
    };
    // clang-format on

    p.redline_share = 0.30;
    p.redline_code_prefix = "HX640303";
    p.reserve_redline_name = "罗山生物多样性维护生态保护红线";
    p.water_redline_name = "红寺堡城区水源地水源涵养生态保护红线";
    p.sand_units = {
        {"红寺堡西南部防风固沙生态保护红线", "防风固沙", 105.88, 37.22, 6500, 1},
        {"红寺堡东部防风固沙生态保护红线", "防风固沙", 106.32, 37.41, 6000, 2},
        {"红寺堡北部防风固沙生态保护红线", "防风固沙", 106.07, 37.57, 4000, 3},
        {"新庄集乡南部防风固沙生态保护红线", "防风固沙", 106.20, 37.13, 5000, 4},
        {"太阳山北部防风固沙生态保护红线", "防风固沙", 106.47, 37.58, 3500, 5},
    };
    // The 红柳沟 is left unprotected, so the wetland protection rate stays below 100 %.
    p.wetlands = {{"苦水河", 900, "宁夏红寺堡苦水河国家湿地公园（样例）", false},
                  {"清水河", 700, "清水河自治区重要湿地（样例）", true}};

    using K = ReceptorKind;
    // Schools, hospitals and care homes sit in the seat and the township centres.
    p.institutions = {
        {"红寺堡区第一中学", K::School, 0, 1500},
        {"红寺堡区第二小学", K::School, 0, 1800},
        {"红寺堡镇中心小学", K::School, 1, 1500},
        {"太阳山镇中心小学", K::School, 2, 900},
        {"大河乡中心小学", K::School, 3, 900},
        {"新庄集乡中心小学", K::School, 4, 900},
        {"柳泉乡中心小学", K::School, 5, 900},
        {"红寺堡区人民医院", K::Hospital, 0, 1200},
        {"红寺堡区中医医院", K::Hospital, 0, 1500},
        {"太阳山镇卫生院", K::Hospital, 2, 800},
        {"大河乡卫生院", K::Hospital, 3, 800},
        {"柳泉乡卫生院", K::Hospital, 5, 800},
        {"红寺堡区社会福利中心", K::ElderlyCare, 0, 2000},
        {"太阳山镇敬老院", K::ElderlyCare, 2, 1000},
        {"新庄集乡敬老院", K::ElderlyCare, 4, 1000},
    };
    p.sites = {
        {"红寺堡区100MW复合光伏电站项目", "pv_wind", "光伏电站"},
        {"红寺堡区年产60万吨水泥粉磨站项目", "other_industry", "水泥厂"},
        {"红寺堡区年产30万吨焦化项目", "polluting_industry", "焦化厂"},
        {"罗山建筑石料采石场项目", "mining", "采石场"},
        {"红寺堡至太阳山公路改建工程", "linear_infrastructure", "道路"},
        {"罗山生态旅游服务站项目", "tourism", "旅游设施"},
        {"红寺堡区万头肉牛养殖场项目", "farming_grazing", "养殖场"},
        {"红寺堡城区保障性住房项目", "housing", "住宅"},
        {"太阳山光伏发电二期项目", "pv_wind", "光伏电站"},
        {"红寺堡区防风固沙生态修复工程", "eco_restoration", "生态修复"},
    };
    p.site_id_prefix = "";
    p.random_sites = 0;

    p.forest_post_target = 0.145;
    p.forest_legacy_extra = 0.016;
    p.shrub_sparse_extra = 0.008;
    p.sparse_as_other_forest = false;
    p.seed_points_scale0 = 3400;

    Schema& s = p.schema;
    s.district_file = "district";
    s.townships_file = "townships";
    s.villages_file = "villages";
    s.redline_file = "redline";
    s.reserve_file = "luoshan_zones";
    s.rivers_file = "rivers";
    s.river_belts_file = "";
    s.water_file = "water_sources";
    s.farmland_file = "farmland";
    s.urban_file = "urban_boundary";
    s.parks_file = "industrial_parks";
    s.wetland_parks_file = "wetland_parks";
    s.important_wetlands_file = "important_wetlands";
    s.control_units_file = "control_units";
    s.receptors_file = "receptors";
    s.sites_file = "sites";
    s.landuse_file = "landuse_dltb";
    s.district_fields = {"XZQDM", "XZQMC"};
    s.township_fields = {"XZQDM", "XZQMC"};
    s.village_fields = {"XZQDM", "XZQMC", "XZMC"};
    s.redline_fields = {"HXBH", "HXMC", "HXLX"};
    s.reserve_fields = {"BHQMC", "GNFQ", "XGNFQ"};
    s.river_fields = {"HLMC", "HLDM"};
    s.water_fields = {"SYMC", "BHJB"};
    s.farmland_field = "JBNTBH";
    s.farmland_code_prefix = "JBNT640303";
    s.farmland_code_digits = 5;
    s.urban_field = "MC";
    s.park_field = "YQMC";
    s.wetland_park_field = "MC";
    s.important_wetland_field = "MC";
    s.control_unit_fields = {"DYBM", "DYMC", "GKLX"};
    s.receptor_fields = {"MC", "LX"};
    s.site_fields = {"", "XMMC", "HYLB", "XMLX"};
    using C = LuColumn;
    s.landuse_fields = {{"BSM", C::SerialInt},      {"DLBM", C::Code},       {"DLMC", C::Name},
                        {"ZLDWDM", C::UnitCode},    {"ZLDWMC", C::UnitName}, {"TBMJ", C::Area},
                        {"KCMJ", C::Deduction},     {"TBDLMJ", C::NetArea},  {"GMFGD", C::ShrubCover},
                        {"TSGMLD", C::SpecialShrub}};
    s.map_all_fields = false;
    s.landuse_gbk = true;
    s.landuse_gpkg = true;
    s.reserve_words = {"核心区", "缓冲区", "实验区"};
    s.reserve_two_words = {"核心保护区", "一般控制区"};
    s.water_words = {"一级", "二级", "准保护区"};
    s.control_words = {"优先保护单元", "重点管控单元", "一般管控单元"};
    s.receptor_words = {"居民点", "学校", "医院", "养老院"};

    RasterLook& r = p.raster;
    r.classes = &hongsibu_classes();
    r.edge_mix = 0.35;
    r.speckle = 0.025;
    r.corner_pairs = 0.0;
    r.before_file = "";
    r.after_file = "";
    r.before_date = "2020-09-01";
    r.after_date = "2025-09-01";
    r.description = "ecozone synthetic land-use classification modelled on Hongsibu District";

    // The plan's targets (table 1) and the audit's classes; minimum mapping units are
    // placeholders (100 m² structures, 400 m² farming).
    ProjectSettings& ps = p.settings;
    ps.forest_target_pct = 15.0;
    ps.wetland_target_pct = 70.0;
    ps.route_tolerance_pct = 1.0;
    ps.audit_year = 2025;
    ps.audit_batch = 1;
    ps.natural = {3, 4, 5, 6, 7, 8, 12};
    ps.activity = {{1, "01", "-> 旱地: reclamation (农业用地)"},
                   {2, "01", "-> 水浇地"},
                   {9, "02", "-> 城乡建设: settlement (居民点)"},
                   {10, "04", "-> 工矿: quarry (采石场) in natural land"},
                   {11, "05", "-> 光伏: energy facility (能源设施)"}};
    ps.pairs_comment = "Farmland lost to building, mining or PV is human activity too.";
    ps.pairs = {{"1->9", "02"}, {"2->9", "02"}, {"1->10", "03"}, {"2->10", "03"}, {"1->11", "05"}, {"2->11", "05"}};
    ps.min_area_m2 = {{"*", 400}, {"02", 100}, {"04", 100}, {"05", 100}};
    ps.mmu_comment = "placeholders: 100 m² structures, 400 m² farming";
    return p;
}

}  // namespace

const Profile& hongsibu_profile() {
    static const Profile profile = make();
    return profile;
}

}  // namespace ecozone::samplegen
