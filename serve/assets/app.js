// ecozone workbench page: plain script, no framework, no build step.  Talks only to this server.
// Every text that comes from a layer, an upload or an answer is put into the page with
// textContent (never innerHTML), so that a name such as "<script>" stays text.
(function () {
  'use strict';

  // ---- Texts: Chinese by default, English with the switch ------------------------------------
  var TEXT = {
    zh: {
      title: 'ecozone 选址研判工作台', category: '项目类别', site_name: '选址名称',
      draw: '在地图上绘制', draw_polygon: '面', draw_line: '线', draw_point: '点', draw_finish: '完成', draw_cancel: '取消',
      draw_hint: '单击地图添加顶点，双击或按“完成”结束。',
      paste: '粘贴坐标', paste_screen: '筛查坐标',
      paste_placeholder: '经纬度（106.165,37.31 106.175,37.31 …）、度分秒，或高斯坐标 X,Y（可带带号）',
      upload: '上传文件', upload_screen: '上传并筛查',
      upload_hint: '界址点坐标文件（.txt）、WKT 坐标 CSV、GeoJSON、KML 或压缩的 Shapefile（.zip）',
      layers: '图层', lang_switch: 'English', from_file: '（按文件中的类别）',
      loading: '正在读取项目…', screening: '正在筛查…', done: '筛查完成：{n} 个选址', no_file: '请选择要上传的文件',
      no_coords: '请粘贴坐标', drawing: '正在绘制：单击添加顶点', need_points: '顶点不足：面至少 3 个，线至少 2 个',
      prohibited: '禁止', restricted: '限制', allowed: '允许', not_screened: '未能筛查',
      incomplete: '（部分规则因缺少图层未评估，结论可能偏宽）',
      deciding: '决定结论的规则', zones: '涉及的管控区', land: '占用地类（三调）', distances: '距离',
      not_assessed: '未评估的规则', notes: '说明', rules_other: '其他适用规则',
      zone: '区域', features: '要素', area_ha: '面积（公顷）', share: '占比', code: '地类编码', land_class: '地类',
      to: '对象', metres: '距离（米）', nearest: '最近要素', inside: '位于其内', area: '选址面积', township: '乡镇', village: '村',
      missing_role: '缺少图层', none: '无', colon: '：', site_area: '{ha} 公顷',
      d_river: '河流（中心线）', d_river_belt: '河流管控带', d_water_source: '饮用水水源保护区', d_reserve: '自然保护区',
      d_redline: '生态保护红线', 'd_receptor:home': '居民点', 'd_receptor:school': '学校', 'd_receptor:hospital': '医院',
      'd_receptor:elderly_care': '养老机构',
      v_core: '核心区', v_buffer: '缓冲区', v_experimental: '实验区', v_core_protection: '核心保护区',
      v_general_control: '一般控制区', v_level1: '一级保护区', v_level2: '二级保护区', v_quasi: '准保护区',
      v_priority: '优先保护单元', v_key: '重点管控单元', v_general: '一般管控单元',
      tab_screen: '选址研判', tab_review: '图斑核查', download_register: '下载图斑登记表（GeoPackage）',
      f_zone: '功能分区', f_activity: '活动类型', f_township: '乡镇', f_status: '核查状态', all: '（全部）',
      st_none: '未核查', st_pending: '待核查', st_confirmed: '属实', st_false_positive: '不属实',
      st_rectifying: '整改中', st_rectified: '已整改',
      review_count: '共 {n} 个图斑，显示 {shown} 个', review_loading: '正在读取图斑登记表…',
      review_missing: '服务未加载图斑登记表。请先运行 ecozone audit 生成登记表，再以下面的命令启动：',
      review_command: 'ecozone serve 项目.toml --register out/audit/patches.gpkg',
      col_no: '序号', col_id: '图斑编号', col_activity: '活动类型', col_place: '乡镇 / 村', col_township: '乡镇', col_zone: '功能分区',
      col_area: '面积（公顷）', col_status: '核查状态',
      patch_title: '{no}. 图斑 {id}', change: '地类变化', confidence: '置信度', grade: '等级', change_type: '变化类型',
      v_status: '核查状态', v_opinion: '核查意见', v_date: '核查日期', v_by: '核查人', v_save: '保存核查结果',
      v_revision: '版本 {n}', v_saving: '正在保存…', v_saved: '已保存（版本 {n}）',
      v_conflict: '另一位核查人已先保存了此图斑，其内容如下。请核对后再次保存（将覆盖为您的内容）：',
      v_conflict_line: '{status}；{date}；{by}',
      tab_indicators: '生态指标', basemap: '底图', ha: '公顷', ind_area: '面积',
      ind_targets: '考核指标（全区）', ind_forest: '森林覆盖率', ind_wetland: '湿地保护率', ind_redline: '生态保护红线面积占比',
      ind_col_indicator: '指标', ind_col_value: '现值', ind_col_target: '目标', ind_col_status: '结论',
      ind_met: '达标', ind_not_met: '未达标', ind_not_assessed: '未评估',
      ind_redline_target: '面积不减少（基线 {ha} 公顷）', ind_redline_target_pct: '占比不减少（基线 {pct}）', ind_no_baseline: '无基线，不评估',
      ind_map: '乡镇分级图', ind_select: '显示指标', ind_no_figure: '无数据',
      ind_unmatched: '无数据的乡镇：{names}', ind_all_matched: '各乡镇均有数据。',
      ind_click: '单击地图上的乡镇查看其地类面积表。', ind_no_zone: '{name}：指标文件中没有该乡镇的数据。',
      ind_group: '类别', ind_in_redline: '红线内（公顷）', ind_evidence: '证据文件',
      ind_col_file: '文件', ind_col_size: '大小', ind_col_sha: 'SHA-256',
      ind_missing: '服务未加载指标结果。请先运行 ecozone indicators 生成指标文件夹，再以下面的命令启动：',
      ind_command_run: 'ecozone indicators 项目.toml --out out/indicators',
      ind_command_serve: 'ecozone serve 项目.toml --indicators out/indicators',
      g_cropland: '耕地', g_forest: '林地', g_grassland: '草地', g_wetland: '湿地', g_water: '水域',
      g_construction: '建设用地', g_other: '其他',
      leader: '距{what} {m} 米',
      b_id: '编号', b_name: '名称', b_category: '类别', b_verdict: '结论', b_rules: '决定规则', b_area: '面积（公顷）',
      batch_hint: '共 {n} 个选址。单击表头排序，单击一行在地图上查看该选址及其详情。',
      dl_site: '下载此选址：', dl_all: '下载全部：', dl_pdf: '下载 PDF 报告', dl_gpkg: 'GeoPackage', dl_json: 'JSON',
      dl_all_gpkg: '全部 GeoPackage', dl_all_json: '全部 JSON', downloading: '正在生成下载文件…', downloaded: '已下载 {name}',
      img_before: '前时相', img_after: '后时相', img_loading: '正在读取影像…',
      img_none: '该登记表没有影像（外部图斑图层）', img_error: '影像无法读取：{msg}',
      download_csv: 'CSV', download_xlsx: 'Excel（XLSX）', download_other: '其他格式：'
    },
    en: {
      title: 'ecozone site screening workbench', category: 'Project category', site_name: 'Site name',
      draw: 'Draw on the map', draw_polygon: 'Polygon', draw_line: 'Line', draw_point: 'Point', draw_finish: 'Finish',
      draw_cancel: 'Cancel', draw_hint: 'Click the map to add vertices; double-click or press Finish to end.',
      paste: 'Paste coordinates', paste_screen: 'Screen coordinates',
      paste_placeholder: 'lon,lat (106.165,37.31 106.175,37.31 …), DMS, or Gauss-Krüger X,Y (with or without zone prefix)',
      upload: 'Upload a file', upload_screen: 'Upload and screen',
      upload_hint: 'boundary-point file (.txt), CSV of WKT, GeoJSON, KML or a zipped shapefile (.zip)',
      layers: 'Layers', lang_switch: '中文', from_file: '(the file\'s own categories)',
      loading: 'Loading the project…', screening: 'Screening…', done: 'Screened: {n} site(s)', no_file: 'Choose a file to upload',
      no_coords: 'Paste some coordinates', drawing: 'Drawing: click to add vertices',
      need_points: 'Not enough vertices: a polygon needs 3, a line 2',
      prohibited: 'prohibited', restricted: 'restricted', allowed: 'allowed', not_screened: 'not screened',
      incomplete: '(some rules could not be assessed for want of a layer: the verdict may be too mild)',
      deciding: 'Deciding rules', zones: 'Control zones touched', land: 'Land occupied (third land survey)',
      distances: 'Distances', not_assessed: 'Rules not assessed', notes: 'Notes', rules_other: 'Other applicable rules',
      zone: 'Zone', features: 'Features', area_ha: 'Area (ha)', share: 'Share', code: 'Code', land_class: 'Class',
      to: 'To', metres: 'Distance (m)', nearest: 'Nearest', inside: 'inside', area: 'Site area', township: 'Township',
      village: 'Village', missing_role: 'missing layer', none: 'none', colon: ': ', site_area: '{ha} ha',
      d_river: 'river (centre line)', d_river_belt: 'river belt', d_water_source: 'drinking-water source area',
      d_reserve: 'nature reserve', d_redline: 'ecological red line', 'd_receptor:home': 'homes',
      'd_receptor:school': 'school', 'd_receptor:hospital': 'hospital', 'd_receptor:elderly_care': 'elderly care',
      v_core: 'core zone', v_buffer: 'buffer zone', v_experimental: 'experimental zone',
      v_core_protection: 'core protection zone', v_general_control: 'general control zone',
      v_level1: 'first-level protection area', v_level2: 'second-level protection area', v_quasi: 'quasi-protection area',
      v_priority: 'priority protection unit', v_key: 'key control unit', v_general: 'general control unit',
      tab_screen: 'Site screening', tab_review: 'Patch review', download_register: 'Download the patch register (GeoPackage)',
      f_zone: 'Zone', f_activity: 'Activity', f_township: 'Township', f_status: 'Verification status', all: '(all)',
      st_none: 'not verified', st_pending: 'pending', st_confirmed: 'confirmed', st_false_positive: 'false positive',
      st_rectifying: 'being rectified', st_rectified: 'rectified',
      review_count: '{shown} of {n} patches shown', review_loading: 'Reading the patch register…',
      review_missing: 'This server has no patch register. Run ecozone audit to write one, then start the server with:',
      review_command: 'ecozone serve PROJECT.toml --register out/audit/patches.gpkg',
      col_no: 'No.', col_id: 'Patch', col_activity: 'Activity', col_place: 'Township / village', col_township: 'Township', col_zone: 'Zone',
      col_area: 'Area (ha)', col_status: 'Status',
      patch_title: '{no}. Patch {id}', change: 'Class change', confidence: 'Confidence', grade: 'Grade',
      change_type: 'Change type',
      v_status: 'Verification status', v_opinion: 'Verification opinion', v_date: 'Verification date',
      v_by: 'Verified by', v_save: 'Save the verification',
      v_revision: 'revision {n}', v_saving: 'Saving…', v_saved: 'Saved (revision {n})',
      v_conflict: 'Another officer saved this patch first; what they recorded is below. Check it, then save again (yours will replace it):',
      v_conflict_line: '{status}; {date}; {by}',
      tab_indicators: 'Indicators', basemap: 'Basemap', ha: 'ha', ind_area: 'Area',
      ind_targets: 'Targets (whole district)', ind_forest: 'Forest coverage', ind_wetland: 'Wetland protection rate',
      ind_redline: 'Ecological red line share',
      ind_col_indicator: 'Indicator', ind_col_value: 'Value', ind_col_target: 'Target', ind_col_status: 'Result',
      ind_met: 'met', ind_not_met: 'not met', ind_not_assessed: 'not assessed',
      ind_redline_target: 'area not to decrease (baseline {ha} ha)', ind_redline_target_pct: 'share not to decrease (baseline {pct})',
      ind_no_baseline: 'no baseline: not assessed',
      ind_map: 'Townships map', ind_select: 'Indicator shown', ind_no_figure: 'no figure',
      ind_unmatched: 'Townships with no figure: {names}', ind_all_matched: 'Every township has a figure.',
      ind_click: 'Click a township on the map for its land-class table.', ind_no_zone: '{name}: the indicator file has no figures for this township.',
      ind_group: 'Group', ind_in_redline: 'In the red line (ha)', ind_evidence: 'Evidence files',
      ind_col_file: 'File', ind_col_size: 'Size', ind_col_sha: 'SHA-256',
      ind_missing: 'This server has no indicator run. Run ecozone indicators to write one, then start the server with:',
      ind_command_run: 'ecozone indicators PROJECT.toml --out out/indicators',
      ind_command_serve: 'ecozone serve PROJECT.toml --indicators out/indicators',
      g_cropland: 'cropland', g_forest: 'forest', g_grassland: 'grassland', g_wetland: 'wetland', g_water: 'water',
      g_construction: 'construction', g_other: 'other',
      leader: '{m} m to the {what}',
      b_id: 'ID', b_name: 'Name', b_category: 'Category', b_verdict: 'Verdict', b_rules: 'Deciding rules', b_area: 'Area (ha)',
      batch_hint: '{n} sites. Click a header to sort; click a row to see that site on the map and its details.',
      dl_site: 'Download this site: ', dl_all: 'Download all: ', dl_pdf: 'PDF report', dl_gpkg: 'GeoPackage', dl_json: 'JSON',
      dl_all_gpkg: 'All as GeoPackage', dl_all_json: 'All as JSON', downloading: 'Preparing the download…', downloaded: 'Downloaded {name}',
      img_before: 'before', img_after: 'after', img_loading: 'Reading the images…',
      img_none: 'this register has no images (external patch layer)', img_error: 'the image could not be read: {msg}',
      download_csv: 'CSV', download_xlsx: 'Excel (XLSX)', download_other: 'Other formats: '
    }
  };
  var COLOURS = {
    district: '#444444', townships: '#888888', villages: '#bbbbbb', redline: '#c0392b', reserve_zones: '#8e44ad',
    rivers: '#2e86c1', water_sources: '#17a589', farmland: '#d4ac0d', urban_boundary: '#7f8c8d',
    industrial_parks: '#a04000', control_units: '#5d6d7e', receptors: '#e74c3c', landuse: '#a9cce3'
  };
  var FILLED = { reserve_zones: 0.25, redline: 0.15, water_sources: 0.25, farmland: 0.15, industrial_parks: 0.2 };
  var VERDICT_COLOURS = { prohibited: '#c0392b', restricted: '#d68910', allowed: '#1e8449' };

  var state = { lang: 'zh', project: null, lastAnswer: null, status: null };
  var token = readToken();

  function t(key) {
    var s = TEXT[state.lang][key];
    return s === undefined ? key : s;
  }
  function fmt(key, values) {
    return t(key).replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }
  function $(id) { return document.getElementById(id); }
  // An element with text: the only way text reaches the page.
  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }
  function bi(obj, key) {  // the answer's Chinese text under `key`, English under `key_en`
    if (!obj) return '';
    var en = obj[key + '_en'];
    return state.lang === 'en' && en ? en : (obj[key] || '');
  }

  // A token (needed when the server listens beyond this machine) comes in the address: #token=…
  function readToken() {
    var m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (m) {
      sessionStorage.setItem('ecozone-token', decodeURIComponent(m[1]));
      history.replaceState(null, '', window.location.pathname);
    }
    return sessionStorage.getItem('ecozone-token') || '';
  }

  function setStatus(key, values, isError) {
    if (!key) { state.status = null; renderStatus(); return; }
    state.status = { key: key, values: values || {}, error: !!isError, text: null };
    renderStatus();
  }
  function setError(err) {
    state.status = { error: true, zh: err.zh || String(err), en: err.en || String(err) };
    renderStatus();
  }
  function renderStatus() {
    var s = state.status, box = $('status');
    if (!s) { box.textContent = ''; return; }
    box.textContent = s.key ? fmt(s.key, s.values) : (state.lang === 'en' ? s.en : s.zh);
    box.className = s.error ? 'error' : '';
  }

  // ---- The API ----------------------------------------------------------------------------------
  // The headers every API call carries: the token when there is one, and on a POST the header that
  // a page of another site cannot set.
  function withHeaders(options) {
    options = options || {};
    var headers = options.headers || {};
    if (token) headers['X-Ecozone-Token'] = token;
    if (options.method === 'POST') headers['X-Requested-With'] = 'ecozone';
    options.headers = headers;
    return options;
  }
  // A refusal's JSON {error, error_en} as the page's error object.
  function failure(res, body) {
    var data = null;
    try { data = JSON.parse(body); } catch (e) { data = null; }
    var zh = data && data.error ? data.error : 'HTTP ' + res.status;
    return { zh: zh, en: data && data.error_en ? data.error_en : zh, status: res.status, data: data };
  }
  function api(path, options) {
    return fetch(path, withHeaders(options)).then(function (res) {
      return res.text().then(function (body) {
        if (!res.ok) throw failure(res, body);
        try { return JSON.parse(body); } catch (e) { return null; }
      });
    });
  }

  // ---- Downloads ----------------------------------------------------------------------------------
  // A file from the server, fetched (with the token header, and for a POST the same body again) and
  // handed to the browser as a download named as the server's Content-Disposition says.  Resolves
  // with the file's name; rejects with the server's error.
  function fetchDownload(url, options, fallbackName) {
    return fetch(url, withHeaders(options)).then(function (res) {
      if (!res.ok) return res.text().then(function (body) { throw failure(res, body); });
      var name = filenameOf(res.headers.get('Content-Disposition')) || fallbackName;
      return res.blob().then(function (blob) { saveBlob(blob, name); return name; });
    });
  }
  function filenameOf(disposition) {
    if (!disposition) return '';
    var m = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (m) { try { return decodeURIComponent(m[1].trim()); } catch (e) { /* the plain form below */ } }
    m = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(disposition) || /filename\s*=\s*([^;]+)/.exec(disposition);
    // Only a file name: never a path.
    return m ? m[1].replace(/\\(.)/g, '$1').trim().split(/[\\/]/).pop() : '';
  }
  // Navigating to a blob: address downloads it; only images may not come from blob: (img-src).
  function saveBlob(blob, name) {
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  // A download link (href, download name) that works with a token too: a link cannot carry the token
  // header, so with one the page fetches the file and hands the browser the bytes.
  function tokenLink(a, onError) {
    a.addEventListener('click', function (e) {
      if (!token) return;
      e.preventDefault();
      fetchDownload(a.getAttribute('href'), {}, a.getAttribute('download') || '').catch(onError);
    });
  }

  // ---- The map ----------------------------------------------------------------------------------
  // CGCS2000 longitude/latitude drawn as they are (plate carrée): no online basemap, no Web Mercator.
  var map = L.map('map', { crs: L.CRS.EPSG4326, zoomSnap: 1, attributionControl: false }).setView([37.3, 106.2], 9);
  var layerGroups = {};   // role -> {group, visible, fetchedZoom}
  // The screened sites above every project layer, whichever was fetched last.
  map.createPane('sites').style.zIndex = 450;
  var siteLayer = L.featureGroup().addTo(map);

  function layerZoom() { return Math.max(0, Math.min(22, map.getZoom() + 1)); }

  function styleFor(role) {
    var colour = COLOURS[role] || '#555555';
    return function () {
      return { color: colour, weight: role === 'district' ? 2.5 : 1.2, fillColor: colour,
               fillOpacity: FILLED[role] || 0, opacity: 0.9 };
    };
  }

  function featureLabel(props) {
    var parts = [];
    if (props.name) parts.push(props.name);
    if (props['class']) parts.push(props['class']);
    if (props.code) parts.push(props.code);
    return parts.join(' · ');
  }

  function loadLayer(role) {
    var entry = layerGroups[role];
    var zoom = layerZoom();
    if (!entry.visible || entry.fetchedZoom === zoom) return;
    entry.fetchedZoom = zoom;
    api('/api/layers/' + encodeURIComponent(role) + '.geojson?zoom=' + zoom).then(function (data) {
      if (entry.fetchedZoom !== zoom) return;  // a newer zoom has been asked meanwhile
      entry.group.clearLayers();
      L.geoJSON(data, {
        style: styleFor(role),
        pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 4 }); },
        onEachFeature: function (f, layer) {
          var label = featureLabel(f.properties || {});
          if (label) layer.bindTooltip(el('span', label), { sticky: true });  // a node: never parsed as markup
        }
      }).addTo(entry.group);
      // Start on the district; a project without one starts on the first layer that arrives.
      var hasDistrict = !!layerGroups.district;
      if (!state.fitted && (role === 'district' || !hasDistrict) && entry.group.getBounds().isValid()) {
        state.fitted = true;
        map.fitBounds(entry.group.getBounds());
      }
    }).catch(setError);
  }

  map.on('zoomend', function () {
    Object.keys(layerGroups).forEach(loadLayer);
  });

  function renderLayerList() {
    var list = $('layer-list');
    list.textContent = '';
    if (!state.project) return;
    if (basemap.layer) {
      var bli = el('li');
      var bbox = el('input');
      bbox.type = 'checkbox';
      bbox.id = 'layer-basemap';
      bbox.checked = basemap.visible;
      bbox.addEventListener('change', function () {
        basemap.visible = bbox.checked;
        if (bbox.checked) basemap.layer.addTo(map); else map.removeLayer(basemap.layer);
      });
      var blabel = el('label', t('basemap') + paren(state.project.basemap.name || ''));
      blabel.htmlFor = bbox.id;
      bli.appendChild(bbox);
      bli.appendChild(el('span', '', 'swatch swatch-raster'));
      bli.appendChild(blabel);
      list.appendChild(bli);
    }
    state.project.layers.forEach(function (layer) {
      var li = el('li');
      var box = el('input');
      box.type = 'checkbox';
      box.id = 'layer-' + layer.role;
      box.checked = layerGroups[layer.role].visible;
      box.addEventListener('change', function () {
        var entry = layerGroups[layer.role];
        entry.visible = box.checked;
        if (box.checked) { entry.group.addTo(map); loadLayer(layer.role); } else { map.removeLayer(entry.group); }
      });
      var swatch = el('span', '', 'swatch');
      swatch.style.background = COLOURS[layer.role] || '#555555';
      var label = el('label', (state.lang === 'en' ? layer.label_en : layer.label) + ' (' + layer.features + ')');
      label.htmlFor = box.id;
      li.appendChild(box);
      li.appendChild(swatch);
      li.appendChild(label);
      list.appendChild(li);
    });
  }

  function renderCategories() {
    var select = $('category');
    var chosen = select.value;
    select.textContent = '';
    if (!state.project) return;
    state.project.categories.forEach(function (c) {
      var option = el('option', state.lang === 'en' ? (c.name_en || c.id) : (c.name || c.id));
      option.value = c.id;
      select.appendChild(option);
    });
    var own = el('option', t('from_file'));
    own.value = '';
    select.appendChild(own);
    if (chosen !== undefined && chosen !== null) select.value = chosen;
    if (select.selectedIndex < 0) select.selectedIndex = 0;
  }

  // ---- Drawing: click to add a vertex, double-click or Finish to end -----------------------------
  var draw = { mode: null, points: [], preview: null };

  function startDrawing(mode) {
    cancelDrawing();
    draw.mode = mode;
    map.doubleClickZoom.disable();
    $('map').classList.add('drawing');
    $('draw-' + mode).classList.add('active');
    $('draw-finish').disabled = mode === 'point';
    $('draw-cancel').disabled = false;
    setStatus('drawing');
  }
  function cancelDrawing() {
    if (draw.mode) $('draw-' + draw.mode).classList.remove('active');
    draw.mode = null;
    draw.points = [];
    if (draw.preview) map.removeLayer(draw.preview);
    draw.preview = null;
    map.doubleClickZoom.enable();
    $('map').classList.remove('drawing');
    $('draw-finish').disabled = true;
    $('draw-cancel').disabled = true;
  }
  function redrawPreview() {
    if (draw.preview) map.removeLayer(draw.preview);
    var style = { color: '#000000', weight: 2, dashArray: '4 4', fillOpacity: 0.1 };
    draw.preview = draw.mode === 'polygon' && draw.points.length > 2 ? L.polygon(draw.points, style)
                                                                    : L.polyline(draw.points, style);
    draw.preview.addTo(map);
  }
  // The time of the user's action: the event's own time stamp (same clock as performance.now()).
  function actionTime(e) {
    var ev = e && (e.originalEvent || e);
    return ev && typeof ev.timeStamp === 'number' && ev.timeStamp > 0 ? ev.timeStamp : performance.now();
  }
  map.on('click', function (e) {
    if (!draw.mode) return;
    var p = e.latlng;
    var last = draw.points[draw.points.length - 1];
    // The two clicks of a double-click land on the same spot: one vertex.
    if (last && map.latLngToContainerPoint(last).distanceTo(e.containerPoint) < 4) return;
    draw.points.push(p);
    if (draw.mode === 'point') { finishDrawing(actionTime(e)); return; }
    redrawPreview();
  });
  map.on('dblclick', function (e) { if (draw.mode && draw.mode !== 'point') finishDrawing(actionTime(e)); });

  function finishDrawing(started) {
    var mode = draw.mode, pts = draw.points.map(function (p) { return [round7(p.lng), round7(p.lat)]; });
    if ((mode === 'polygon' && pts.length < 3) || (mode === 'line' && pts.length < 2) || pts.length < 1) {
      setStatus('need_points', {}, true);
      return;
    }
    var geometry = mode === 'point' ? { type: 'Point', coordinates: pts[0] }
                 : mode === 'line' ? { type: 'LineString', coordinates: pts }
                 : { type: 'Polygon', coordinates: [pts.concat([pts[0]])] };
    cancelDrawing();
    var props = { category: $('category').value };
    if ($('site-name').value) props.name = $('site-name').value;
    var body = JSON.stringify({ type: 'Feature', properties: props, geometry: geometry });
    screen('/api/screen', jsonRequest(body), 'draw', started);
  }
  function round7(x) { return Math.round(x * 1e7) / 1e7; }
  // A request that can be made again as it was (a download re-sends it with ?format=…).
  function jsonRequest(body) {
    return function () { return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body }; };
  }

  // ---- Screening ----------------------------------------------------------------------------------
  // state.lastRequest: the route and a function making the request's options again, for the downloads.
  // state.shown: the index of the site whose details, highlight and leader lines are shown.
  // window.ecozoneTimings: for each screening, the milliseconds from the user's action to the answer
  // drawn on the map and in the panel (the next frame after both), for the tests; never shown.
  window.ecozoneTimings = [];
  var screenSerial = 0;
  function screen(path, makeOptions, what, started) {
    if (typeof started !== 'number') started = performance.now();
    var serial = ++screenSerial;
    setStatus('screening');
    return api(path, makeOptions()).then(function (answer) {
      if (serial !== screenSerial) return;  // a later screening was asked meanwhile
      state.lastAnswer = answer;
      state.lastRequest = { path: path, make: makeOptions };
      state.shown = 0;
      state.sort = null;
      drawSites(answer);
      renderAnswer();
      setStatus('done', { n: answer.sites.length });
      requestAnimationFrame(function () {
        window.ecozoneTimings.push({ what: what, ms: Math.round((performance.now() - started) * 10) / 10 });
      });
    }).catch(setError);
  }

  var siteShapes = [];                      // site index -> its outline's layer
  var leaderLayer = L.featureGroup();       // the shown site's leader lines, inside siteLayer
  var LEADER_COLOURS = { redline: '#c0392b', reserve: '#8e44ad', water_source: '#17a589', river: '#2e86c1',
                         river_belt: '#2e86c1', receptor: '#e74c3c' };

  function siteStyle(i) {
    var s = state.lastAnswer.sites[i] || {};
    var colour = VERDICT_COLOURS[s.verdict] || '#333333';
    return i === state.shown && state.lastAnswer.sites.length > 1
      ? { color: '#111111', weight: 4, fillColor: colour, fillOpacity: 0.55 }
      : { color: colour, weight: 3, fillColor: colour, fillOpacity: 0.3 };
  }

  // The site each outline belongs to: by properties.id (the one at the same index first, since ids
  // may repeat in a file), else by index.
  function outlineSites(answer) {
    var byId = {}, features = (answer.outlines && answer.outlines.features) || [];
    answer.sites.forEach(function (s, i) { if (!(s.id in byId)) byId[s.id] = i; });
    return features.map(function (f, n) {
      var id = f.properties ? f.properties.id : undefined;
      if (answer.sites[n] && (id === undefined || answer.sites[n].id === id)) return n;
      return id !== undefined && byId[id] !== undefined ? byId[id] : n;
    });
  }

  function drawSites(answer) {
    siteLayer.clearLayers();
    siteShapes = [];
    var owners = outlineSites(answer);
    ((answer.outlines && answer.outlines.features) || []).forEach(function (f, n) {
      var i = owners[n];
      var shape = L.geoJSON(f, {
        pane: 'sites',
        style: function () { return siteStyle(i); },
        pointToLayer: function (g, latlng) { return L.circleMarker(latlng, { radius: 7, pane: 'sites' }); },
        onEachFeature: function (g, layer) { layer.bindTooltip(el('span', (g.properties || {}).name || ''), { permanent: false }); }
      });
      shape.on('click', function () { if (answer.sites.length > 1) selectSite(i, false); });
      shape.addTo(siteLayer);
      if (!siteShapes[i]) siteShapes[i] = shape;
    });
    leaderLayer.clearLayers();
    leaderLayer.addTo(siteLayer);
    drawLeaders();
    if (siteShapes.length) {
      var bounds = L.latLngBounds([]);
      siteShapes.forEach(function (s) { if (s) bounds.extend(s.getBounds()); });
      // One site: its surroundings; many: all of them.
      if (bounds.isValid()) map.fitBounds(bounds.pad(answer.sites.length > 1 ? 0.1 : 1.5), { maxZoom: 14 });
    }
  }

  function distanceLabel(what) {
    var s = TEXT[state.lang]['d_' + what];
    return s === undefined ? what : s;
  }

  // The shown site's leader lines: dashed, from its edge to the nearest feature of each kind it does
  // not touch, labelled with the distance.
  function drawLeaders() {
    leaderLayer.clearLayers();
    var answer = state.lastAnswer;
    var leaders = answer && answer.leaders && answer.leaders[state.shown];
    if (!leaders) return;
    leaders.forEach(function (d) {
      if (!d || !d.from || !d.to) return;
      var from = L.latLng(d.from[1], d.from[0]), to = L.latLng(d.to[1], d.to[0]);
      var colour = LEADER_COLOURS[String(d.what).split(':')[0]] || '#333333';
      L.polyline([from, to], { pane: 'sites', color: colour, weight: 2, opacity: 0.95, dashArray: '6 5',
                               className: 'leader-line', interactive: false }).addTo(leaderLayer);
      var text = fmt('leader', { what: distanceLabel(d.what), m: Math.round(d.metres) });
      var label = el('span', text);
      label.style.borderColor = colour;
      if (d.name) label.title = d.name;
      var mid = L.latLng((from.lat + to.lat) / 2, (from.lng + to.lng) / 2);
      L.marker(mid, { icon: L.divIcon({ html: label, className: 'leader-label', iconSize: [0, 0] }),
                      pane: 'sites', interactive: false, keyboard: false }).addTo(leaderLayer);
    });
  }

  function table(headers, rows) {
    var tbl = el('table'), head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', h)); });
    tbl.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (cell) {
        var numeric = typeof cell === 'number';
        tr.appendChild(el('td', numeric ? cell.toLocaleString(state.lang === 'en' ? 'en' : 'zh-CN') : cell,
                          numeric ? 'num' : ''));
      });
      tbl.appendChild(tr);
    });
    return tbl;
  }
  function hectares(area) {
    if (!area) return '';
    var ha = state.project && state.project.project.area_mode === 'planar' ? area.planar_ha : area.ellipsoidal_ha;
    return Math.round(ha * 100) / 100;
  }
  function percent(share) { return (Math.round(share * 1000) / 10) + ' %'; }
  function roleLabel(role) {
    var layer = state.project && state.project.layers.filter(function (l) { return l.role === role; })[0];
    return layer ? (state.lang === 'en' ? layer.label_en : layer.label) : role;
  }
  function categoryLabel(id) {
    var c = state.project && state.project.categories.filter(function (x) { return x.id === id; })[0];
    return c ? (state.lang === 'en' ? (c.name_en || c.id) : (c.name || c.id)) : (id || '');
  }
  function valueLabel(value) { return TEXT[state.lang]['v_' + value] || value; }
  function ruleBlock(r) {
    var div = el('div', null, 'rule');
    div.appendChild(el('span', r.id, 'rule-id'));
    div.appendChild(el('span', t(r.verdict) + ' — '));
    div.appendChild(el('span', bi(r, 'message')));
    var c = r.citation || {};
    if (c.document || c.article) div.appendChild(el('div', [c.document, c.article].join(' '), 'citation'));
    return div;
  }
  function verdictBadge(s) {
    return el('span', s.screened ? t(s.verdict) : t('not_screened'), 'verdict verdict-' + (s.screened ? s.verdict : 'error'));
  }

  // ---- The answer: a batch's summary table, then the shown site's details ---------------------------
  // The whole answer is rebuilt for a new answer or a language; choosing a site only replaces the
  // details, and sorting only moves the table's rows (built once: hundreds of sites stay quick).
  function renderAnswer() {
    var box = $('answer');
    box.textContent = '';
    state.batchRows = null;
    var answer = state.lastAnswer;
    if (!answer) return;
    if (answer.sites.length > 1) box.appendChild(batchTable(answer));
    var detail = el('div');
    detail.id = 'site-detail';
    box.appendChild(detail);
    renderDetail();
  }

  var VERDICT_RANK = { prohibited: 0, restricted: 1, allowed: 2 };
  var BATCH_COLUMNS = [
    { key: 'id', label: 'b_id', value: function (s) { return String(s.id); } },
    { key: 'name', label: 'b_name', value: function (s) { return String(s.name || ''); } },
    { key: 'category', label: 'b_category', value: function (s) { return categoryLabel(s.category); } },
    { key: 'verdict', label: 'b_verdict', numeric: true,
      value: function (s) { return s.screened && VERDICT_RANK[s.verdict] !== undefined ? VERDICT_RANK[s.verdict] : 3; } },
    { key: 'rules', label: 'b_rules', value: function (s) { return s.screened ? String(s.deciding_rules || '') : ''; } },
    { key: 'area', label: 'b_area', numeric: true,
      value: function (s) { var h = s.screened ? hectares(s.area) : ''; return typeof h === 'number' ? h : -1; } }
  ];
  var collator = typeof Intl !== 'undefined' ? new Intl.Collator(['zh-CN', 'en'], { numeric: true }) : null;

  function batchTable(answer) {
    var wrap = el('div');
    wrap.id = 'batch';
    wrap.appendChild(el('p', fmt('batch_hint', { n: answer.sites.length }), 'hint'));
    wrap.appendChild(downloadButtons('dl_all', [['gpkg', 'dl_all_gpkg'], ['json', 'dl_all_json']], null));
    var scroller = el('div');
    scroller.id = 'batch-box';
    var tbl = el('table');
    tbl.id = 'batch-table';
    var thead = el('thead'), head = el('tr');
    BATCH_COLUMNS.forEach(function (col) {
      var th = el('th');
      th.dataset.key = col.key;
      th.tabIndex = 0;
      th.appendChild(el('span', t(col.label)));
      th.appendChild(el('span', '', 'sort-mark'));
      th.addEventListener('click', function () { sortBatch(col.key); });
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBatch(col.key); } });
      head.appendChild(th);
    });
    thead.appendChild(head);
    tbl.appendChild(thead);
    var tbody = el('tbody');
    tbody.id = 'batch-rows';
    state.batchRows = answer.sites.map(function (s, i) {
      var tr = el('tr');
      tr.dataset.index = i;
      tr.dataset.siteId = s.id;
      tr.appendChild(el('td', s.id));
      tr.appendChild(el('td', s.name || ''));
      tr.appendChild(el('td', categoryLabel(s.category)));
      var v = el('td');
      v.appendChild(verdictBadge(s));
      tr.appendChild(v);
      tr.appendChild(el('td', s.screened ? (s.deciding_rules || '') : ''));
      var h = s.screened ? hectares(s.area) : '';
      tr.appendChild(el('td', typeof h === 'number' ? h.toLocaleString(state.lang === 'en' ? 'en' : 'zh-CN') : '', 'num'));
      if (i === state.shown) tr.className = 'selected';
      return { tr: tr, keys: BATCH_COLUMNS.map(function (col) { return col.value(s); }) };
    });
    // One listener for every row.
    tbody.addEventListener('click', function (e) {
      var tr = e.target.closest('tr');
      if (tr && tr.dataset.index !== undefined) selectSite(Number(tr.dataset.index), true);
    });
    tbl.appendChild(tbody);
    scroller.appendChild(tbl);
    wrap.appendChild(scroller);
    placeRows(tbody, head);
    return wrap;
  }

  // Ascending on the first click of a header, descending on the next.
  function sortBatch(key) {
    var s = state.sort;
    state.sort = { key: key, descending: !!(s && s.key === key && !s.descending) };
    var tbody = $('batch-rows');
    if (tbody) placeRows(tbody, tbody.parentNode.querySelector('thead tr'));
  }
  function placeRows(tbody, head) {
    var rows = state.batchRows, sort = state.sort;
    var order = rows.map(function (r, i) { return i; });
    if (sort) {
      var c = BATCH_COLUMNS.map(function (col) { return col.key; }).indexOf(sort.key);
      var numeric = BATCH_COLUMNS[c].numeric, sign = sort.descending ? -1 : 1;
      order.sort(function (a, b) {
        var x = rows[a].keys[c], y = rows[b].keys[c];
        var d = numeric ? x - y : (collator ? collator.compare(x, y) : (x < y ? -1 : x > y ? 1 : 0));
        return d !== 0 ? sign * d : a - b;
      });
    }
    var fragment = document.createDocumentFragment();
    order.forEach(function (i) { fragment.appendChild(rows[i].tr); });
    tbody.appendChild(fragment);
    Array.prototype.forEach.call(head.children, function (th) {
      var on = sort && th.dataset.key === sort.key;
      th.setAttribute('aria-sort', on ? (sort.descending ? 'descending' : 'ascending') : 'none');
      th.lastChild.textContent = on ? (sort.descending ? ' ▼' : ' ▲') : '';
    });
  }

  // Shows site i: its row highlighted, its outline highlighted (and the map on it when `zoom`), its
  // details and leader lines.
  function selectSite(i, zoom) {
    var answer = state.lastAnswer;
    if (!answer || !answer.sites[i]) return;
    var before = state.shown;
    state.shown = i;
    if (state.batchRows) {
      if (state.batchRows[before]) state.batchRows[before].tr.className = '';
      state.batchRows[i].tr.className = 'selected';
      if (!zoom) state.batchRows[i].tr.scrollIntoView({ block: 'nearest' });
    }
    [before, i].forEach(function (k) { if (siteShapes[k]) siteShapes[k].setStyle(siteStyle(k)); });
    if (siteShapes[i]) {
      siteShapes[i].bringToFront();
      if (zoom) {
        var b = siteShapes[i].getBounds();
        if (b.isValid()) map.fitBounds(b.pad(1.5), { maxZoom: 15 });
      }
    }
    drawLeaders();
    renderDetail();
  }

  function renderDetail() {
    var box = $('site-detail'), answer = state.lastAnswer;
    if (!box || !answer) return;
    box.textContent = '';
    var s = answer.sites[state.shown];
    if (s) box.appendChild(siteBlock(s, state.shown));
  }

  // The download buttons: `which` the formats as [format, text key]; `site` the site's index, or null
  // for the whole answer.
  function downloadButtons(title, which, site) {
    var div = el('div', null, 'downloads');
    div.appendChild(el('span', t(title), 'hint'));
    which.forEach(function (w) {
      var b = el('button', t(w[1]));
      b.type = 'button';
      b.dataset.format = w[0];
      if (site !== null) b.dataset.site = site;
      b.addEventListener('click', function () { downloadAnswer(w[0], site, b); });
      div.appendChild(b);
    });
    return div;
  }

  // The screening answer as a file: the same request again, to the same route, with ?format=….
  function downloadAnswer(format, site, button) {
    var req = state.lastRequest;
    if (!req) return;
    var url = req.path + '?format=' + encodeURIComponent(format) + '&lang=' + state.lang +
              (site === null ? '' : '&site=' + site);
    if (button) button.disabled = true;
    setStatus('downloading');
    return fetchDownload(url, req.make(), 'ecozone-screening.' + format).then(function (name) {
      setStatus('downloaded', { name: name });
    }).catch(setError).then(function () { if (button) button.disabled = false; });
  }

  function siteBlock(s, index) {
    var div = el('div', null, 'site');
    div.dataset.siteId = s.id;
    div.dataset.index = index;
    var h = el('h3');
    h.appendChild(verdictBadge(s));
    h.appendChild(el('span', s.name));
    div.appendChild(h);
    if (!s.screened) {
      div.appendChild(el('p', state.lang === 'en' ? s.error : (s.error_zh || s.error)));
      return div;
    }
    div.appendChild(downloadButtons('dl_site', [['pdf', 'dl_pdf'], ['gpkg', 'dl_gpkg'], ['json', 'dl_json']], index));
    var facts = [t('area') + t('colon') + fmt('site_area', { ha: hectares(s.area) })];
    if (s.township) facts.push(t('township') + t('colon') + s.township);
    if (s.village) facts.push(t('village') + t('colon') + s.village);
    div.appendChild(el('p', facts.join(state.lang === 'en' ? '; ' : '　')));
    if (!s.complete) div.appendChild(el('p', t('incomplete'), 'notes'));

    var fired = (s.rules || []).filter(function (r) { return r.status === 'fired'; });
    var deciding = fired.filter(function (r) { return r.deciding; });
    var others = fired.filter(function (r) { return !r.deciding; });
    var missing = (s.rules || []).filter(function (r) { return r.status === 'not_assessed'; });
    div.appendChild(el('h4', t('deciding') + (deciding.length ? '' : t('colon') + t('none'))));
    deciding.forEach(function (r) { div.appendChild(ruleBlock(r)); });
    if (others.length) {
      div.appendChild(el('h4', t('rules_other')));
      others.forEach(function (r) { div.appendChild(ruleBlock(r)); });
    }
    if ((s.zones || []).length) {
      div.appendChild(el('h4', t('zones')));
      div.appendChild(table([t('zone'), t('features'), t('area_ha'), t('share')], s.zones.map(function (z) {
        return [roleLabel(z.role) + (z.value ? ' · ' + valueLabel(z.value) : ''), z.features || '',
                hectares(z.area), percent(z.share)];
      })));
    }
    if ((s.land_occupied || []).length) {
      div.appendChild(el('h4', t('land')));
      div.appendChild(table([t('code'), t('land_class'), t('area_ha')], s.land_occupied.map(function (l) {
        return [l.code, l.name, hectares(l.area)];
      })));
    }
    if ((s.distances || []).length) {
      div.appendChild(el('h4', t('distances')));
      div.appendChild(table([t('to'), t('metres'), t('nearest')], s.distances.map(function (d) {
        var metres = d.metres === null ? '—' : (d.inside ? t('inside') : Math.round(d.metres));
        return [distanceLabel(d.to), metres, d.nearest || ''];
      })));
    }
    if (missing.length) {
      div.appendChild(el('h4', t('not_assessed')));
      missing.forEach(function (r) {
        var b = ruleBlock(r);
        b.appendChild(el('div', t('missing_role') + t('colon') + roleLabel(r.missing_role), 'citation'));
        div.appendChild(b);
      });
    }
    var notes = state.lang === 'en' ? s.notes_en : s.notes;
    if (notes && notes.length) {
      div.appendChild(el('h4', t('notes')));
      var ul = el('ul', null, 'notes');
      notes.forEach(function (n) { ul.appendChild(el('li', n)); });
      div.appendChild(ul);
    }
    return div;
  }

  // ---- The audit review view: the patch register, its filters and the verification form ----------
  var STATUSES = ['pending', 'confirmed', 'false_positive', 'rectifying', 'rectified'];
  var ACTIVITY_COLOURS = { '01': '#d4ac0d', '02': '#e67e22', '03': '#7d3c98', '04': '#a04000', '05': '#2e86c1',
                           '06': '#17a589', '07': '#5d6d7e', '08': '#b03a2e', '09': '#273746', '10': '#1e8449' };
  var review = { features: null, missing: false, loading: false, selected: null, message: null, conflict: null,
                 filters: { zone: '', activity: '', township: '', status: '' } };
  map.createPane('patches').style.zIndex = 460;
  var patchLayer = L.featureGroup();

  function activityCode(props) { var m = /^\s*(\d{1,2})/.exec(props.hdlx || ''); return m ? ('0' + m[1]).slice(-2) : ''; }
  function activityColour(props) { return ACTIVITY_COLOURS[activityCode(props)] || '#555555'; }
  function statusLabel(code) { return t(code ? 'st_' + code : 'st_none'); }
  function patchById(id) { return review.features.filter(function (f) { return String(f.id) === String(id); })[0]; }
  function verificationOf(f) { return f.properties.verification || { status: '', opinion: '', date: '', by: '', revision: 0 }; }

  // Errors of the review view (reading the register, the download) under its own heading.
  function reviewError(err) {
    review.error = err ? { zh: err.zh || String(err), en: err.en || String(err) } : null;
    renderReviewError();
  }
  function renderReviewError() {
    var box = $('review-error');
    box.hidden = !review.error;
    box.textContent = review.error ? (state.lang === 'en' ? review.error.en : review.error.zh) : '';
  }

  function showView(name) {
    var views = { screen: 'screen-view', review: 'review-view', indicators: 'indicators-view' };
    Object.keys(views).forEach(function (v) {
      $(views[v]).hidden = v !== name;
      $('tab-' + v).classList.toggle('active', v === name);
      $('tab-' + v).setAttribute('aria-selected', String(v === name));
    });
    [[siteLayer, 'screen'], [patchLayer, 'review'], [indLayer, 'indicators']].forEach(function (pair) {
      if (pair[1] === name) pair[0].addTo(map); else map.removeLayer(pair[0]);
    });
    if (name === 'review') loadPatches();
    if (name === 'indicators') loadIndicators();
  }

  // Read again each time the view opens: other officers may have saved meanwhile.
  function loadPatches() {
    if (review.loading) return;
    review.loading = true;
    document.body.dataset.review = 'loading';
    $('review-count').textContent = t('review_loading');
    api('/api/patches').then(function (data) {
      review.loading = false;
      review.missing = false;
      review.error = null;
      review.features = (data.features || []).map(function (f, i) { f.number = i + 1; return f; });
      drawPatches();
      // The first time: the whole register in view.
      if (!review.fitted && patchLayer.getBounds().isValid()) {
        review.fitted = true;
        map.fitBounds(patchLayer.getBounds().pad(0.1), { animate: false });
      }
      renderReview();
      if (review.selected && patchById(review.selected)) selectPatch(review.selected, false);
      document.body.dataset.review = 'ready';
    }).catch(function (err) {
      review.loading = false;
      if (err && err.status === 404) { review.missing = true; renderReview(); document.body.dataset.review = 'missing'; return; }
      reviewError(err);
    });
  }

  function drawPatches() {
    patchLayer.clearLayers();
    review.layers = {};
    visiblePatches().forEach(function (f) {
      var colour = activityColour(f.properties);
      var shape = L.geoJSON(f, { pane: 'patches', style: function () {
        return { color: colour, weight: review.selected === f.id ? 4 : 2, fillColor: colour, fillOpacity: 0.35 };
      } });
      // The patches are small (a few pixels at the county's scale): a numbered marker at each centre.
      var number = el('span', f.number);
      number.style.background = colour;
      var centre = shape.getBounds().getCenter();
      if (typeof f.properties.zx_lat === 'number' && typeof f.properties.zx_lon === 'number') {
        centre = L.latLng(f.properties.zx_lat, f.properties.zx_lon);
      }
      var marker = L.marker(centre, { icon: L.divIcon({ html: number, className: 'patch-number', iconSize: [26, 18], iconAnchor: [13, 9] }),
                                      pane: 'patches', title: String(f.id) });
      var label = el('span', f.number + '. ' + f.id + ' · ' + (f.properties.hdlx || ''));
      shape.bindTooltip(label, { sticky: true });
      [shape, marker].forEach(function (layer) {
        layer.on('click', function () { selectPatch(f.id, true); });
        layer.addTo(patchLayer);
      });
      review.layers[f.id] = shape;
    });
  }

  function visiblePatches() {
    if (!review.features) return [];
    var fl = review.filters;
    return review.features.filter(function (f) {
      var p = f.properties;
      return (!fl.zone || p.gnfq === fl.zone) && (!fl.activity || p.hdlx === fl.activity) &&
             (!fl.township || p.xzmc === fl.township) &&
             (!fl.status || (verificationOf(f).status || 'none') === fl.status);
    });
  }

  function fillFilter(select, key, values, labelOf) {
    var chosen = review.filters[key];
    select.textContent = '';
    var all = el('option', t('all'));
    all.value = '';
    select.appendChild(all);
    values.forEach(function (v) {
      var o = el('option', labelOf ? labelOf(v) : v);
      o.value = v;
      select.appendChild(o);
    });
    select.value = values.indexOf(chosen) >= 0 ? chosen : '';
  }
  function distinct(field) {
    var seen = {};
    review.features.forEach(function (f) { var v = f.properties[field]; if (v !== undefined && v !== null && v !== '') seen[v] = true; });
    return Object.keys(seen).sort();
  }

  function renderReview() {
    renderReviewError();
    $('review-missing').hidden = !review.missing;
    $('review-body').hidden = review.missing || !review.features;
    if (review.missing) {
      var box = $('review-missing');
      box.textContent = '';
      box.appendChild(el('span', t('review_missing')));
      box.appendChild(el('br'));
      box.appendChild(el('code', t('review_command')));
      return;
    }
    if (!review.features) return;
    fillFilter($('f-zone'), 'zone', distinct('gnfq'));
    fillFilter($('f-activity'), 'activity', distinct('hdlx'));
    fillFilter($('f-township'), 'township', distinct('xzmc'));
    fillFilter($('f-status'), 'status', ['none'].concat(STATUSES), function (c) { return statusLabel(c === 'none' ? '' : c); });

    var head = $('patch-list-head');
    head.textContent = '';
    ['col_no', 'col_id', 'col_activity', 'col_township', 'col_zone', 'col_area', 'col_status'].forEach(function (k) {
      head.appendChild(el('th', t(k)));
    });
    var rows = $('patch-rows');
    rows.textContent = '';
    var shown = visiblePatches();
    shown.forEach(function (f) {
      var p = f.properties, v = verificationOf(f);
      var tr = el('tr');
      tr.dataset.patchId = f.id;
      if (review.selected === f.id) tr.className = 'selected';
      tr.appendChild(el('td', f.number, 'patch-no'));
      tr.appendChild(el('td', f.id));
      tr.appendChild(el('td', p.hdlx || ''));
      tr.appendChild(el('td', p.xzmc || ''));
      tr.appendChild(el('td', p.gnfq || ''));
      tr.appendChild(el('td', typeof p.mj_hm2 === 'number' ? Math.round(p.mj_hm2 * 10000) / 10000 : '', 'num'));
      tr.appendChild(el('td', statusLabel(v.status), 'status-' + (v.status || 'none')));
      tr.addEventListener('click', function () { selectPatch(f.id, true); });
      rows.appendChild(tr);
    });
    $('review-count').textContent = fmt('review_count', { n: review.features.length, shown: shown.length });
    var legend = $('activity-legend');
    legend.textContent = '';
    distinct('hdlx').forEach(function (a) {
      var swatch = el('span', '', 'swatch');
      swatch.style.background = activityColour({ hdlx: a });
      var item = el('span', null, 'legend-item');
      item.appendChild(swatch);
      item.appendChild(el('span', ' ' + a));
      legend.appendChild(item);
    });
    renderVerify();
  }

  // Opens the form on a patch; `zoom` also brings the map to it.
  function selectPatch(id, zoom) {
    var f = patchById(id);
    if (!f) return;
    var changed = review.selected !== f.id;
    review.selected = f.id;
    if (changed) {
      review.message = null;
      review.conflict = null;
      // The revision the officer's form was filled from: a save sends it, so that a reading of the
      // register in between (the tab opened again) never hides another officer's save.
      review.formRevision = verificationOf(f).revision || 0;
      fillForm(verificationOf(f));
    }
    drawPatches();
    renderReview();
    if (zoom) $('verify').scrollIntoView({ block: 'nearest' });
    if (zoom && review.layers[f.id]) {
      map.fitBounds(review.layers[f.id].getBounds().pad(2), { maxZoom: 17, animate: false });
    }
  }

  function fillForm(v) {
    $('v-status').value = v.status || 'pending';
    $('v-opinion').value = v.opinion || '';
    $('v-date').value = v.date || today();
    $('v-by').value = v.by || '';
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
  }

  function renderVerify() {
    var f = review.selected && patchById(review.selected);
    $('verify').hidden = !f;
    if (!f) return;
    var p = f.properties, v = verificationOf(f);
    $('verify-title').textContent = fmt('patch_title', { no: f.number, id: f.id });
    var facts = $('verify-facts');
    facts.textContent = '';
    var sep = state.lang === 'en' ? ': ' : '：';
    [[t('col_activity'), p.hdlx], [t('change_type'), p.bhlx], [t('change'), [p.qsxdl, p.hsxdl].filter(Boolean).join(' → ')],
     [t('col_zone'), p.gnfq], [t('col_place'), [p.xzmc, p.cmc].filter(Boolean).join(' ')],
     [t('col_area'), p.mj_hm2], [t('confidence'), [p.confidence, p.grade].filter(function (x) { return x !== undefined && x !== ''; }).join(' · ')]]
      .forEach(function (row) {
        if (row[1] === undefined || row[1] === null || row[1] === '') return;
        facts.appendChild(el('div', row[0] + sep + row[1]));
      });
    renderImages(f);
    var select = $('v-status');
    var chosen = select.value || v.status || 'pending';
    select.textContent = '';
    STATUSES.forEach(function (c) { var o = el('option', statusLabel(c)); o.value = c; select.appendChild(o); });
    select.value = chosen;
    $('v-revision').textContent = fmt('v_revision', { n: review.formRevision || 0 });
    var msg = $('v-message'), m = review.message;
    msg.textContent = !m ? '' : m.key ? fmt(m.key, m.values || {}) : (state.lang === 'en' ? m.en : m.zh);
    msg.className = !m ? '' : m.error ? 'error' : m.key === 'v_saving' ? 'saving' : 'saved';
    var box = $('v-conflict'), c = review.conflict;
    box.hidden = !c;
    box.textContent = '';
    if (c) {
      box.appendChild(el('p', t('v_conflict')));
      box.appendChild(el('p', fmt('v_conflict_line', { status: statusLabel(c.status), date: c.date || '—', by: c.by || '—' })));
      box.appendChild(el('p', c.opinion || '', 'conflict-opinion'));
    }
  }

  // ---- The patch's before and after images (GET /api/patches/{id}/before.png, after.png) ----------
  // Pixelated class maps, side by side.  Without a token the <img> asks for them itself; with one they
  // are fetched with the token header and shown as data: addresses (the page's CSP allows no blob:
  // image).  A register without images (an audit of an external patch layer) answers 404: the page
  // says so once.  The elements are made once per patch: re-rendering the form only relabels them.
  var IMAGE_DATE_FIELDS = { before: ['qsxrq', 'qsxyxrq', 'qsx_rq', 'before_date', 'date_before', 'image_date_before'],
                            after: ['hsxrq', 'hsxyxrq', 'hsx_rq', 'after_date', 'date_after', 'image_date_after'] };
  function imageDate(props, when) {
    var names = IMAGE_DATE_FIELDS[when];
    for (var i = 0; i < names.length; i++) {
      var v = props[names[i]];
      if (v !== undefined && v !== null && v !== '') return String(v);
    }
    return '';
  }

  function loadImages(f) {
    var images = review.images = { id: f.id, slots: {} };
    var box = $('v-images');
    box.textContent = '';
    var none = el('p', '', 'hint images-none');
    none.hidden = true;
    var row = el('div', null, 'image-pair');
    box.appendChild(row);
    box.appendChild(none);
    images.none = none;
    images.row = row;
    ['before', 'after'].forEach(function (when) {
      var url = '/api/patches/' + encodeURIComponent(f.id) + '/' + when + '.png';
      var figure = el('figure', null, 'patch-image');
      var img = el('img', null, 'class-map');
      img.alt = '';
      img.dataset.when = when;
      var note = el('div', '', 'hint image-note');
      var caption = el('figcaption');
      figure.appendChild(img);
      figure.appendChild(note);
      figure.appendChild(caption);
      row.appendChild(figure);
      var slot = images.slots[when] = { state: 'loading', img: img, note: note, caption: caption, figure: figure };
      var settle = function (stateName, message) {
        if (review.images !== images) return;  // another patch was chosen meanwhile
        slot.state = stateName;
        slot.message = message;
        renderImages(f);
      };
      // Why an image could not be had: 404 is a register without images, anything else the server's words.
      var refused = function (err) { settle(err && err.status === 404 ? 'missing' : 'error', err); };
      img.addEventListener('load', function () { settle('loaded'); });
      if (!token) {
        img.addEventListener('error', function () {
          if (review.images !== images) return;
          fetch(url).then(function (res) {
            return res.text().then(function (body) { refused(res.ok ? { zh: 'HTTP ' + res.status, en: 'HTTP ' + res.status } : failure(res, body)); });
          }).catch(refused);
        });
        img.src = url;
        return;
      }
      fetch(url, withHeaders({})).then(function (res) {
        if (!res.ok) return res.text().then(function (body) { throw failure(res, body); });
        return res.blob();
      }).then(function (blob) {
        return new Promise(function (resolve, reject) {
          var reader = new FileReader();
          reader.onload = function () { resolve(reader.result); };
          reader.onerror = function () { reject({ zh: String(reader.error), en: String(reader.error) }); };
          reader.readAsDataURL(blob);
        });
      }).then(function (dataUrl) {
        if (review.images === images) img.src = dataUrl;
      }).catch(refused);
    });
  }

  function renderImages(f) {
    if (!review.images || review.images.id !== f.id) loadImages(f);
    var images = review.images, slots = images.slots;
    var bothMissing = slots.before.state === 'missing' && slots.after.state === 'missing';
    images.none.hidden = !bothMissing;
    images.none.textContent = bothMissing ? t('img_none') : '';
    images.row.hidden = bothMissing;
    ['before', 'after'].forEach(function (when) {
      var slot = slots[when], date = imageDate(f.properties, when);
      slot.caption.textContent = t('img_' + when) + (date ? (state.lang === 'en' ? ' ' : '　') + date : '');
      slot.img.hidden = slot.state !== 'loaded';
      slot.figure.dataset.state = slot.state;
      var m = slot.message;
      slot.note.textContent = slot.state === 'loading' ? t('img_loading')
        : slot.state === 'missing' ? t('img_none')
        : slot.state === 'error' ? fmt('img_error', { msg: m ? (state.lang === 'en' ? m.en || m.zh : m.zh || m.en) || String(m) : '' })
        : '';
      slot.note.hidden = slot.state === 'loaded';
    });
  }

  function saveVerification() {
    var f = review.selected && patchById(review.selected);
    if (!f) return;
    var revision = review.formRevision || 0;
    review.message = { key: 'v_saving' };
    renderVerify();
    $('v-save').disabled = true;
    api('/api/patches/' + encodeURIComponent(f.id) + '/verification', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: $('v-status').value, opinion: $('v-opinion').value, date: $('v-date').value,
                             by: $('v-by').value, revision: revision })
    }).then(function (answer) {
      f.properties.verification = answer.verification;
      review.formRevision = answer.verification.revision;
      review.conflict = null;
      review.message = { key: 'v_saved', values: { n: answer.verification.revision } };
    }).catch(function (err) {
      if (err && err.status === 409 && err.data && err.data.current) {
        // Another officer saved first: show theirs, take their revision so that saving again goes through.
        f.properties.verification = err.data.current;
        review.formRevision = err.data.current.revision;
        review.conflict = err.data.current;
      }
      review.message = { error: true, zh: err.zh || String(err), en: err.en || String(err) };
    }).then(function () {
      $('v-save').disabled = false;
      drawPatches();
      renderReview();
    });
  }

  // The register's downloads (GeoPackage, CSV, workbook), with the token header when there is one.
  ['register-download', 'register-download-csv', 'register-download-xlsx'].forEach(function (id) {
    tokenLink($(id), reviewError);
  });
  [['f-zone', 'zone'], ['f-activity', 'activity'], ['f-township', 'township'], ['f-status', 'status']].forEach(function (pair) {
    $(pair[0]).addEventListener('change', function () {
      review.filters[pair[1]] = $(pair[0]).value;
      drawPatches();
      renderReview();
    });
  });
  $('v-save').addEventListener('click', saveVerification);
  $('tab-screen').addEventListener('click', function () { showView('screen'); });
  $('tab-review').addEventListener('click', function () { showView('review'); });
  $('tab-indicators').addEventListener('click', function () { showView('indicators'); });

  // ---- The indicators view: the run's targets, township choropleths, class tables, evidence files --
  // Everything shown is the run's indicators.json as the server read it: nothing is computed again
  // but the colour classes.
  var INDICATORS = {
    forest: { key: 'ind_forest', breaks: [5, 10, 15, 25], value: function (z) {
      var c = z.forest && z.forest.coverage;
      return c && c.defined && typeof c.value_pct === 'number' ? c.value_pct : null;
    } },
    wetland: { key: 'ind_wetland', breaks: [30, 50, 70, 90], value: function (z) {
      var c = z.wetland && z.wetland.protection_rate;
      return c && c.defined && typeof c.value_pct === 'number' ? c.value_pct : null;
    } },
    redline: { key: 'ind_redline', breaks: [10, 20, 30, 40], value: function (z) {
      var r = z.redline;
      return r && r.assessed !== false && typeof r.share_pct === 'number' ? r.share_pct : null;
    } }
  };
  var RAMP = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];
  var NO_FIGURE = '#d9d9d9';
  var ind = { data: null, missing: false, loading: false, error: null, indicator: 'forest', selected: null,
              townships: null, unmatched: [] };
  map.createPane('indicators').style.zIndex = 440;
  var indLayer = L.featureGroup();

  function paren(text) { return state.lang === 'en' ? ' (' + text + ')' : '（' + text + '）'; }
  function pct(v) { return typeof v === 'number' ? v.toFixed(2) + ' %' : '—'; }
  function ha(v) { return typeof v === 'number' ? Math.round(v * 100) / 100 : '—'; }
  function norm(v) { return v === undefined || v === null ? '' : String(v).replace(/\s+/g, ''); }
  function rampColour(value, breaks) {
    if (value === null) return NO_FIGURE;
    var i = 0;
    while (i < breaks.length && value >= breaks[i]) i++;
    return RAMP[i];
  }
  // A township of the map joined to its zone of indicators.json: by code first (the admin code both
  // carry), else by name, both compared without blanks; a code of one side that is a prefix-padded
  // form of the other's (640303001 vs 001) also matches.
  function zoneOf(props) {
    if (!ind.data) return null;
    var towns = (ind.data.zones || []).filter(function (z) { return z.level === 'township'; });
    var code = norm(props.code), name = norm(props.name);
    var hit = code && towns.filter(function (z) { return norm(z.code) === code; })[0];
    if (!hit && code) {
      hit = towns.filter(function (z) {
        var zc = norm(z.code);
        return zc && (zc.slice(-code.length) === code || code.slice(-zc.length) === zc) && Math.min(zc.length, code.length) >= 3;
      })[0];
    }
    if (!hit && name) hit = towns.filter(function (z) { return norm(z.name) === name; })[0];
    return hit || null;
  }
  function zoneKey(z) { return norm(z.code) || norm(z.name); }
  function districtZone() {
    return ind.data ? (ind.data.zones || []).filter(function (z) { return z.level === 'district'; })[0] : null;
  }

  function loadIndicators() {
    if (ind.loading || ind.data) { if (ind.data) fitIndicators(); return; }
    ind.loading = true;
    document.body.dataset.indicators = 'loading';
    api('/api/indicators').then(function (data) {
      ind.data = data;
      ind.missing = false;
      ind.error = null;
      ind.townshipZoom = layerZoom();
      return api('/api/layers/townships.geojson?zoom=' + ind.townshipZoom);
    }).then(function (townships) {
      ind.loading = false;
      ind.townships = townships;
      drawIndicators();
      fitIndicators();
      renderIndicators();
      document.body.dataset.indicators = 'ready';
    }).catch(function (err) {
      ind.loading = false;
      if (err && err.status === 404 && !ind.data) {
        ind.missing = true;
        renderIndicators();
        document.body.dataset.indicators = 'missing';
        return;
      }
      ind.error = { zh: err.zh || String(err), en: err.en || String(err) };
      renderIndicators();
      document.body.dataset.indicators = 'error';
    });
  }
  function fitIndicators() {
    if (!ind.fitted && indLayer.getBounds().isValid()) {
      ind.fitted = true;
      map.fitBounds(indLayer.getBounds(), { animate: false });
    }
  }

  function drawIndicators() {
    indLayer.clearLayers();
    if (!ind.townships) return;
    var spec = INDICATORS[ind.indicator];
    ind.unmatched = [];
    L.geoJSON(ind.townships, {
      pane: 'indicators',
      style: function (f) {
        var z = zoneOf(f.properties || {});
        var value = z ? spec.value(z) : null;
        var selected = z && ind.selected === zoneKey(z);
        return { color: selected ? '#b00020' : '#333333', weight: selected ? 3 : 1, fillColor: rampColour(value, spec.breaks),
                 fillOpacity: 0.75 };
      },
      onEachFeature: function (f, layer) {
        var props = f.properties || {};
        var z = zoneOf(props);
        var value = z ? spec.value(z) : null;
        if (value === null) ind.unmatched.push(props.name || props.code || '?');
        layer.bindTooltip(el('span', (props.name || props.code || '') + ' · ' + t(spec.key) + ' ' +
                                     (value === null ? t('ind_no_figure') : pct(value))), { sticky: true });
        layer.on('click', function () {
          ind.selected = z ? zoneKey(z) : null;
          ind.clickedName = props.name || props.code || '';
          drawIndicators();
          renderIndicators();
        });
      }
    }).addTo(indLayer);
  }

  function statusCell(defined, met) {
    var key = !defined || met === null || met === undefined ? 'ind_not_assessed' : met ? 'ind_met' : 'ind_not_met';
    return el('td', t(key), key.replace('ind_', 'ind-'));
  }

  function renderIndicators() {
    $('ind-missing').hidden = !ind.missing;
    $('ind-error').hidden = !ind.error;
    $('ind-error').textContent = ind.error ? (state.lang === 'en' ? ind.error.en : ind.error.zh) : '';
    $('ind-body').hidden = !ind.data;
    if (ind.missing) {
      var box = $('ind-missing');
      box.textContent = '';
      box.appendChild(el('span', t('ind_missing')));
      box.appendChild(el('br'));
      box.appendChild(el('code', t('ind_command_run')));
      box.appendChild(el('br'));
      box.appendChild(el('code', t('ind_command_serve')));
      return;
    }
    if (!ind.data) return;
    var d = ind.data, tg = d.targets || {};
    var district = districtZone();
    $('ind-district').textContent = district ? district.name + (district.code ? paren(district.code) : '') : '';

    // The targets table.
    var rows = $('ind-targets');
    rows.textContent = '';
    var head = el('tr');
    ['ind_col_indicator', 'ind_col_value', 'ind_col_target', 'ind_col_status'].forEach(function (k) { head.appendChild(el('th', t(k))); });
    rows.appendChild(head);
    [['forest_coverage', 'ind_forest'], ['wetland_protection_rate', 'ind_wetland']].forEach(function (pair) {
      var x = tg[pair[0]] || {};
      var tr = el('tr');
      tr.dataset.target = pair[0];
      tr.appendChild(el('td', t(pair[1])));
      tr.appendChild(el('td', x.defined ? pct(x.value_pct) : '—', 'num'));
      tr.appendChild(el('td', typeof x.target_pct === 'number' ? '≥ ' + x.target_pct + ' %' : '—', 'num'));
      tr.appendChild(statusCell(x.defined, x.met));
      rows.appendChild(tr);
    });
    var r = tg.redline_share || {};
    var tr = el('tr');
    tr.dataset.target = 'redline_share';
    tr.appendChild(el('td', t('ind_redline')));
    tr.appendChild(el('td', r.assessed ? pct(r.share_pct) + paren(ha(r.area_ha) + ' ' + t('ha')) : '—', 'num'));
    var baseline = typeof r.baseline_ha === 'number' ? fmt('ind_redline_target', { ha: ha(r.baseline_ha) }) :
                   typeof r.baseline_pct === 'number' ? fmt('ind_redline_target_pct', { pct: pct(r.baseline_pct) }) : t('ind_no_baseline');
    tr.appendChild(el('td', baseline));
    tr.appendChild(statusCell(r.assessed && r.defined !== false, r.not_decreased));
    rows.appendChild(tr);

    // The choropleth's indicator and legend.
    var select = $('ind-indicator');
    select.textContent = '';
    Object.keys(INDICATORS).forEach(function (k) {
      var o = el('option', t(INDICATORS[k].key));
      o.value = k;
      select.appendChild(o);
    });
    select.value = ind.indicator;
    var spec = INDICATORS[ind.indicator];
    var legend = $('ind-legend');
    legend.textContent = '';
    var labels = ['< ' + spec.breaks[0] + ' %'];
    for (var i = 1; i < spec.breaks.length; i++) labels.push(spec.breaks[i - 1] + '–' + spec.breaks[i] + ' %');
    labels.push('≥ ' + spec.breaks[spec.breaks.length - 1] + ' %');
    labels.forEach(function (label, i) {
      var item = el('span', null, 'legend-item');
      var sw = el('span', '', 'swatch');
      sw.style.background = RAMP[i];
      item.appendChild(sw);
      item.appendChild(el('span', ' ' + label));
      legend.appendChild(item);
    });
    var none = el('span', null, 'legend-item');
    var sw = el('span', '', 'swatch');
    sw.style.background = NO_FIGURE;
    none.appendChild(sw);
    none.appendChild(el('span', ' ' + t('ind_no_figure')));
    legend.appendChild(none);
    $('ind-unmatched').textContent = ind.unmatched.length ?
      fmt('ind_unmatched', { names: ind.unmatched.join(state.lang === 'en' ? ', ' : '、') }) : t('ind_all_matched');

    // The township clicked: its figures and class table.
    var box = $('ind-township');
    box.textContent = '';
    var z = ind.selected && (d.zones || []).filter(function (x) { return x.level === 'township' && zoneKey(x) === ind.selected; })[0];
    if (!z) {
      box.appendChild(el('p', ind.clickedName ? fmt('ind_no_zone', { name: ind.clickedName }) : t('ind_click'), 'hint'));
    } else {
      box.appendChild(el('h3', z.name + (z.code ? paren(z.code) : '')));
      var facts = el('div', null, 'hint');
      var sep = state.lang === 'en' ? ': ' : '：';
      [[t('ind_area'), ha(z.area_ha) + ' ' + t('ha')], [t('ind_forest'), pct(INDICATORS.forest.value(z))],
       [t('ind_wetland'), INDICATORS.wetland.value(z) === null ? t('ind_not_assessed') : pct(INDICATORS.wetland.value(z))],
       [t('ind_redline'), pct(INDICATORS.redline.value(z))]].forEach(function (row) {
        facts.appendChild(el('div', row[0] + sep + row[1]));
      });
      box.appendChild(facts);
      var classes = (z.classes || []).slice().sort(function (a, b) { return String(a.code).localeCompare(String(b.code)); });
      box.appendChild(table([t('code'), t('land_class'), t('ind_group'), t('area_ha'), t('ind_in_redline')], classes.map(function (c) {
        return [c.code || '', c.name || '', c.group ? t('g_' + c.group) : '', ha(c.area_ha), ha(c.in_redline_ha)];
      })));
      box.lastChild.id = 'ind-classes';
    }

    // The evidence files.
    var files = $('ind-files');
    files.textContent = '';
    var fh = el('tr');
    ['ind_col_file', 'ind_col_size', 'ind_col_sha'].forEach(function (k) { fh.appendChild(el('th', t(k))); });
    files.appendChild(fh);
    (d.files || []).forEach(function (f) {
      var row = el('tr');
      row.dataset.file = f.name;
      var cell = el('td');
      var a = el('a', f.name);
      a.href = f.url;
      a.download = f.name;
      tokenLink(a, indicatorsError);
      cell.appendChild(a);
      row.appendChild(cell);
      row.appendChild(el('td', sizeText(f.bytes), 'num'));
      row.appendChild(el('td', f.sha256 || '', 'sha'));
      files.appendChild(row);
    });
  }

  function sizeText(bytes) {
    if (typeof bytes !== 'number') return '';
    var unit = bytes >= 1048576 ? [1048576, 'MB'] : bytes >= 1024 ? [1024, 'KB'] : [1, 'B'];
    return (unit[0] === 1 ? bytes : (bytes / unit[0]).toFixed(1)) + ' ' + unit[1] + ' (' + bytes.toLocaleString('en') + ')';
  }

  function indicatorsError(err) { ind.error = { zh: err.zh || String(err), en: err.en || String(err) }; renderIndicators(); }

  // The townships as detailed as the screen shows them, as the other layers (while the view is open).
  map.on('zoomend', function () {
    if (!ind.townships || $('indicators-view').hidden || ind.townshipZoom === layerZoom()) return;
    var zoom = ind.townshipZoom = layerZoom();
    api('/api/layers/townships.geojson?zoom=' + zoom).then(function (townships) {
      if (ind.townshipZoom !== zoom) return;
      ind.townships = townships;
      drawIndicators();
    }).catch(function () { /* the coarser outlines stay */ });
  });

  $('ind-indicator').addEventListener('change', function () {
    ind.indicator = $('ind-indicator').value;
    drawIndicators();
    renderIndicators();
  });

  // ---- The local raster basemap --------------------------------------------------------------------
  // The server draws Web Mercator XYZ tiles; the map is plate carrée (L.CRS.EPSG4326), whose tile grid
  // is another one.  So this tile layer draws each of its tiles on a canvas from the Mercator tiles
  // that cover it: longitude maps linearly in both, latitude row by row through the Mercator formula
  // (nearest neighbour: a classified raster's colours are never blended).  The tiles are fetched from
  // this server only, with the token header when there is one.
  function mercX(lon, size) { return (lon + 180) / 360 * size; }
  function mercY(lat, size) {
    lat = Math.max(-85.05112878, Math.min(85.05112878, lat));
    return (1 - Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) / Math.PI) / 2 * size;
  }
  var MercatorBasemap = L.TileLayer.extend({
    initialize: function (url, options) {
      L.TileLayer.prototype.initialize.call(this, url, options);
      this._images = {};
      this._imageCount = 0;
    },
    _image: function (z, x, y) {
      var url = L.Util.template(this._url, { z: z, x: x, y: y });
      if (this._images[url]) return this._images[url];
      if (this._imageCount > 512) { this._images = {}; this._imageCount = 0; }
      this._imageCount++;
      var p = fetch(url, { headers: token ? { 'X-Ecozone-Token': token } : {} }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + url);
        return res.blob();
      }).then(function (blob) { return createImageBitmap(blob); });
      var images = this._images;
      p.catch(function () { delete images[url]; });
      this._images[url] = p;
      return p;
    },
    createTile: function (coords, done) {
      var size = this.getTileSize();
      var canvas = L.DomUtil.create('canvas', 'leaflet-tile');
      canvas.width = size.x;
      canvas.height = size.y;
      var crs = this._map.options.crs;
      var nw = crs.pointToLatLng(L.point(coords.x * size.x, coords.y * size.y), coords.z);
      var se = crs.pointToLatLng(L.point((coords.x + 1) * size.x, (coords.y + 1) * size.y), coords.z);
      var degPerPixel = (se.lng - nw.lng) / size.x;
      var mz = Math.round(Math.log(360 / (degPerPixel * 256)) / Math.LN2);
      mz = Math.max(0, Math.min(this.options.sourceMaxZoom, mz));
      var world = 256 * Math.pow(2, mz), n = Math.pow(2, mz);
      var sx0 = mercX(nw.lng, world), sx1 = mercX(se.lng, world);
      var tx0 = Math.max(0, Math.floor(sx0 / 256)), tx1 = Math.min(n - 1, Math.floor((sx1 - 1e-9) / 256));
      var ty0 = Math.max(0, Math.floor(mercY(nw.lat, world) / 256)), ty1 = Math.min(n - 1, Math.floor(mercY(se.lat, world) / 256));
      var wanted = [], self = this;
      for (var tx = tx0; tx <= tx1; tx++) for (var ty = ty0; ty <= ty1; ty++) wanted.push([tx, ty]);
      Promise.all(wanted.map(function (c) { return self._image(mz, c[0], c[1]); })).then(function (images) {
        var byTile = {};
        wanted.forEach(function (c, i) { byTile[c[0] + '/' + c[1]] = images[i]; });
        var ctx = canvas.getContext('2d');
        ctx.imageSmoothingEnabled = false;
        var k = size.x / (sx1 - sx0);
        for (var r = 0; r < size.y; r++) {
          var lat = nw.lat + (se.lat - nw.lat) * (r + 0.5) / size.y;
          var sy = mercY(lat, world), ty = Math.floor(sy / 256);
          var row = Math.min(255, Math.max(0, Math.floor(sy - ty * 256)));
          for (var tx = tx0; tx <= tx1; tx++) {
            var img = byTile[tx + '/' + ty];
            var a = Math.max(sx0, tx * 256), b = Math.min(sx1, (tx + 1) * 256);
            if (!img || b <= a) continue;
            ctx.drawImage(img, a - tx * 256, row, b - a, 1, (a - sx0) * k, r, (b - a) * k, 1);
          }
        }
        canvas.complete = true;
        done(null, canvas);
      }).catch(function (err) { done(err, canvas); });
      return canvas;
    }
  });
  var basemap = { layer: null, visible: true };
  function addBasemap(info) {
    var b = info.bounds;
    // A plate carrée tile of zoom z has the resolution of a Mercator tile of zoom z + 1 (at the equator,
    // a little finer northwards): the grid's native zooms end one before the server's max_zoom.
    basemap.layer = new MercatorBasemap(info.url, {
      maxNativeZoom: Math.max(0, (info.max_zoom || 22) - 1), sourceMaxZoom: info.max_zoom || 22, maxZoom: 22,
      bounds: b && b.length === 4 ? L.latLngBounds([b[1], b[0]], [b[3], b[2]]) : undefined
    });
    basemap.layer.addTo(map);  // the tile pane: under every vector layer
  }

  // ---- Language -------------------------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (e) {
      e.textContent = t(e.getAttribute('data-i18n'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-placeholder]'), function (e) {
      e.placeholder = t(e.getAttribute('data-i18n-placeholder'));
    });
    $('lang-switch').textContent = t('lang_switch');
    renderCategories();
    renderLayerList();
    renderAnswer();
    drawLeaders();  // their labels in the new language
    renderReview();
    if (ind.townships) drawIndicators();  // the tooltips in the new language
    renderIndicators();
    renderStatus();
  }

  // ---- Wiring ---------------------------------------------------------------------------------------
  ['polygon', 'line', 'point'].forEach(function (mode) {
    $('draw-' + mode).addEventListener('click', function () { startDrawing(mode); });
  });
  $('draw-finish').addEventListener('click', function (e) { finishDrawing(actionTime(e)); });
  $('draw-cancel').addEventListener('click', function () { cancelDrawing(); setStatus(null); });
  $('lang-switch').addEventListener('click', function () {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    applyLanguage();
  });
  $('paste-screen').addEventListener('click', function (e) {
    var started = actionTime(e);
    var text = $('coords').value.trim();
    if (!text) { setStatus('no_coords', {}, true); return; }
    var body = JSON.stringify({ coordinates: text, category: $('category').value, name: $('site-name').value });
    screen('/api/screen/coordinates', jsonRequest(body), 'paste', started);
  });
  $('upload-screen').addEventListener('click', function (e) {
    var started = actionTime(e);
    var input = $('upload-file');
    if (!input.files.length) { setStatus('no_file', {}, true); return; }
    // The same file and category each time the request is made again (a download).
    var file = input.files[0], category = $('category').value;
    screen('/api/screen/upload', function () {
      var form = new FormData();
      form.append('file', file);
      if (category) form.append('category', category);
      return { method: 'POST', body: form };
    }, 'upload', started);
  });

  setStatus('loading');
  applyLanguage();
  api('/api/layers').then(function (project) {
    state.project = project;
    $('project-name').textContent = project.project.name;
    if (project.basemap && project.basemap.url) addBasemap(project.basemap);
    project.layers.forEach(function (layer) {
      // Land use is large: off until asked for.
      var visible = layer.role !== 'landuse';
      layerGroups[layer.role] = { group: L.featureGroup(), visible: visible, fetchedZoom: null };
      if (visible) layerGroups[layer.role].group.addTo(map);
    });
    applyLanguage();
    project.layers.forEach(function (layer) { loadLayer(layer.role); });
    setStatus(null);
    document.body.dataset.ready = 'true';
  }).catch(setError);

  // For the browser tests: the map, to turn a longitude/latitude into a click position.
  // The last screening answer and the site shown, to compare the page with what the server said.
  window.ecozone = { map: map, patchLayer: patchLayer, indLayer: indLayer,
                     answer: function () { return state.lastAnswer; }, shown: function () { return state.shown; } };
})();
