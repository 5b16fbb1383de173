#include "geo/crs.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::geo {

int gk3_epsg_for_longitude(double lon_deg) {
    // 3-degree zones are centred on multiples of 3°; CGCS2000 defines CM 75°E..135°E.
    int cm = static_cast<int>(std::lround(lon_deg / 3.0)) * 3;
    if (cm < 75 || cm > 135) {
        throw make_error<CrsError>(
            "经度 {:.4f}° 不在我国 CGCS2000 高斯-克吕格 3 度带的范围内（东经 73.5–136.5°）；请在项目文件中设置 "
            "working_epsg",
            "longitude {:.4f}° is outside China's CGCS2000 Gauss-Krüger zones (73.5–136.5°E); "
            "set working_epsg in the project file",
            lon_deg);
    }
    return 4534 + (cm - 75) / 3;
}

std::optional<double> gk3_central_meridian(int epsg) {
    if (epsg >= 4534 && epsg <= 4554) return 75.0 + 3.0 * (epsg - 4534);
    if (epsg >= 4513 && epsg <= 4533) return 75.0 + 3.0 * (epsg - 4513);
    return std::nullopt;
}

bool gk3_has_zone_prefix(int epsg) { return epsg >= 4513 && epsg <= 4533; }

void ProjContextDeleter::operator()(PJ_CONTEXT* c) const noexcept {
    if (c) proj_context_destroy(c);
}
void PjDeleter::operator()(PJ* p) const noexcept {
    if (p) proj_destroy(p);
}

ProjContextPtr make_proj_context() {
    ProjContextPtr ctx(proj_context_create());
    if (!ctx) throw CrsError("PROJ：无法创建运行环境（context）", "PROJ: could not create a context");
    // Never reach for network grids: the tool must give the same answer offline.
    proj_context_set_enable_network(ctx.get(), 0);
    // PROJ logs to stderr by default; our errors carry the message instead.
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    return ctx;
}

static std::string proj_error(PJ_CONTEXT* ctx) {
    const int code = proj_context_errno(ctx);
    const char* msg = proj_context_errno_string(ctx, code);
    return msg ? msg : "unknown PROJ error";
}

CrsInfo describe_crs(const std::string& definition) {
    ProjContextPtr ctx = make_proj_context();
    PjPtr crs(proj_create(ctx.get(), definition.c_str()));
    if (!crs) {
        throw make_error<CrsError>("无法识别的坐标系“{}”：{}", "unknown coordinate reference system '{}': {}",
                                   definition, proj_error(ctx.get()));
    }
    CrsInfo info;
    if (const char* name = proj_get_name(crs.get())) info.name = name;
    const PJ_TYPE type = proj_get_type(crs.get());
    info.geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
    info.projected = type == PJ_TYPE_PROJECTED_CRS;
    if (const char* auth = proj_get_id_auth_name(crs.get(), 0)) {
        if (std::string(auth) == "EPSG") info.epsg = std::atoi(proj_get_id_code(crs.get(), 0));
    }
    if (!info.epsg) {
        // A CRS from WKT often carries no identifier; ask PROJ for a 100 %-confidence match.
        int* confidence = nullptr;
        PJ_OBJ_LIST* matches = proj_identify(ctx.get(), crs.get(), "EPSG", nullptr, &confidence);
        if (matches) {
            if (proj_list_get_count(matches) > 0 && confidence && confidence[0] >= 90) {
                PjPtr best(proj_list_get(ctx.get(), matches, 0));
                if (const char* code = proj_get_id_code(best.get(), 0)) info.epsg = std::atoi(code);
            }
            proj_int_list_destroy(confidence);
            proj_list_destroy(matches);
        }
    }
    return info;
}

Transform::Transform(const std::string& source, const std::string& target)
    : source_(source), target_(target), ctx_(make_proj_context()) {
    PjPtr raw(proj_create_crs_to_crs(ctx_.get(), source.c_str(), target.c_str(), nullptr));
    if (!raw) {
        throw make_error<CrsError>("无法从“{}”转换到“{}”：{}", "cannot transform from '{}' to '{}': {}", source, target,
                                   proj_error(ctx_.get()));
    }
    // The axis-order decision of crs.h: always (easting/longitude, northing/latitude).
    pj_.reset(proj_normalize_for_visualization(ctx_.get(), raw.get()));
    if (!pj_) {
        throw make_error<CrsError>("无法统一“{}”→“{}”的坐标轴顺序：{}",
                                   "cannot normalise axis order of '{}' -> '{}': {}", source, target,
                                   proj_error(ctx_.get()));
    }
    noop_ = source == target;
}

void Transform::run(PJ_DIRECTION dir, double* x, double* y, size_t n) const {
    if (noop_ || n == 0) return;
    proj_errno_reset(pj_.get());
    proj_trans_generic(pj_.get(), dir, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0,
                       0, nullptr, 0, 0);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || x[i] == HUGE_VAL) {
            throw make_error<CrsError>(
                "坐标无法从 {} 转换到 {}（第 {} 个点，共 {} 个）；请检查数据声明的坐标系是否正确",
                "coordinate could not be transformed from {} to {} (point {} of {}); "
                "check that the data's CRS is declared correctly",
                dir == PJ_FWD ? source_ : target_, dir == PJ_FWD ? target_ : source_, i + 1, n);
        }
    }
}

void Transform::forward(double& x, double& y) const { run(PJ_FWD, &x, &y, 1); }
void Transform::inverse(double& x, double& y) const { run(PJ_INV, &x, &y, 1); }
void Transform::forward(double* x, double* y, size_t n) const { run(PJ_FWD, x, y, n); }
void Transform::inverse(double* x, double* y, size_t n) const { run(PJ_INV, x, y, n); }

}  // namespace ecozone::geo
