<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>yimatong</name>
    <message>
      <location filename="../plugin.py" line="59" />
      <source>About Yimatong</source>
      <translation>关于一码通</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="69" />
      <source>Compliance review…</source>
      <translation>合规性审查…</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="15" />
      <source>General</source>
      <translation>通用</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="16" />
      <source>Reports the installed Yimatong version. Useful to check from qgis_process that the plugin and its Processing provider are installed.</source>
      <translation>报告已安装的一码通版本，可用于在 qgis_process 中检查插件及其处理工具提供程序是否已安装。</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="99" />
      <source>The algorithm {id} is not available.</source>
      <translation>算法 {id} 不可用。</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="23" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="43" />
      <source>Yimatong</source>
      <translation>一码通</translation>
    </message>
    <message>
      <location filename="../processing/algorithms/about.py" line="26" />
      <source>Yimatong version {version}</source>
      <translation>一码通版本 {version}</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="110" />
      <source>Yimatong {version}: one project library, one code per project.</source>
      <translation>一码通 {version}：一个项目库，一项目一码。</translation>
    </message>
  </context>
</TS>
