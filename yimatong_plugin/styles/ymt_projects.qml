<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis styleCategories="AllStyleCategories" minScale="1e+08" readOnly="0" version="3.22.16-Białowieża" hasScaleBasedVisibilityFlag="0" maxScale="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" endField="" limitMode="0" fixedDuration="0" startField="agreed_start" durationField="" startExpression="" accumulate="0" mode="1" endExpression="" durationUnit="min">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <customproperties>
    <Option/>
  </customproperties>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend type="default-vector" showLabelLegend="0"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field configurationFlags="None" name="fid">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="code">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="name">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="source">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="region">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="admin">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="year">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="approval_type">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="project_type">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="supply_type">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="land_use">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="serial">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="applicant">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="declared_area_m2">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="agreed_handover">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="agreed_start">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="agreed_completion">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="investment_code">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="status">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="note">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="archived">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="archived_at">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="archive_reason">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="created_at">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="updated_at">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="updated_by">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="rev">
      <editWidget type="TextEdit">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias field="fid" name="" index="0"/>
    <alias field="code" name="项目代码" index="1"/>
    <alias field="name" name="项目名称" index="2"/>
    <alias field="source" name="来源" index="3"/>
    <alias field="region" name="地区特色编码" index="4"/>
    <alias field="admin" name="行政区划" index="5"/>
    <alias field="year" name="年度" index="6"/>
    <alias field="approval_type" name="批准类型" index="7"/>
    <alias field="project_type" name="项目类型" index="8"/>
    <alias field="supply_type" name="供地类型" index="9"/>
    <alias field="land_use" name="出让用途" index="10"/>
    <alias field="serial" name="流水号" index="11"/>
    <alias field="applicant" name="用地单位" index="12"/>
    <alias field="declared_area_m2" name="申报面积（平方米）" index="13"/>
    <alias field="agreed_handover" name="约定交地时间" index="14"/>
    <alias field="agreed_start" name="约定开工时间" index="15"/>
    <alias field="agreed_completion" name="约定竣工时间" index="16"/>
    <alias field="investment_code" name="投资项目代码" index="17"/>
    <alias field="status" name="状态" index="18"/>
    <alias field="note" name="备注" index="19"/>
    <alias field="archived" name="已归档" index="20"/>
    <alias field="archived_at" name="归档时间" index="21"/>
    <alias field="archive_reason" name="归档原因" index="22"/>
    <alias field="created_at" name="创建时间" index="23"/>
    <alias field="updated_at" name="更新时间" index="24"/>
    <alias field="updated_by" name="更新人" index="25"/>
    <alias field="rev" name="版本" index="26"/>
  </aliases>
  <defaults>
    <default applyOnUpdate="0" expression="" field="fid"/>
    <default applyOnUpdate="0" expression="" field="code"/>
    <default applyOnUpdate="0" expression="" field="name"/>
    <default applyOnUpdate="0" expression="" field="source"/>
    <default applyOnUpdate="0" expression="" field="region"/>
    <default applyOnUpdate="0" expression="" field="admin"/>
    <default applyOnUpdate="0" expression="" field="year"/>
    <default applyOnUpdate="0" expression="" field="approval_type"/>
    <default applyOnUpdate="0" expression="" field="project_type"/>
    <default applyOnUpdate="0" expression="" field="supply_type"/>
    <default applyOnUpdate="0" expression="" field="land_use"/>
    <default applyOnUpdate="0" expression="" field="serial"/>
    <default applyOnUpdate="0" expression="" field="applicant"/>
    <default applyOnUpdate="0" expression="" field="declared_area_m2"/>
    <default applyOnUpdate="0" expression="" field="agreed_handover"/>
    <default applyOnUpdate="0" expression="" field="agreed_start"/>
    <default applyOnUpdate="0" expression="" field="agreed_completion"/>
    <default applyOnUpdate="0" expression="" field="investment_code"/>
    <default applyOnUpdate="0" expression="" field="status"/>
    <default applyOnUpdate="0" expression="" field="note"/>
    <default applyOnUpdate="0" expression="" field="archived"/>
    <default applyOnUpdate="0" expression="" field="archived_at"/>
    <default applyOnUpdate="0" expression="" field="archive_reason"/>
    <default applyOnUpdate="0" expression="" field="created_at"/>
    <default applyOnUpdate="0" expression="" field="updated_at"/>
    <default applyOnUpdate="0" expression="" field="updated_by"/>
    <default applyOnUpdate="0" expression="" field="rev"/>
  </defaults>
  <constraints>
    <constraint exp_strength="0" field="fid" unique_strength="1" notnull_strength="1" constraints="3"/>
    <constraint exp_strength="0" field="code" unique_strength="1" notnull_strength="1" constraints="3"/>
    <constraint exp_strength="0" field="name" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="source" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="region" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="admin" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="year" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="approval_type" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="project_type" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="supply_type" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="land_use" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="serial" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="applicant" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="declared_area_m2" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="agreed_handover" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="agreed_start" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="agreed_completion" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="investment_code" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="status" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="note" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="archived" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="archived_at" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="archive_reason" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="created_at" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="updated_at" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="updated_by" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="rev" unique_strength="0" notnull_strength="1" constraints="1"/>
  </constraints>
  <constraintExpressions>
    <constraint exp="" field="fid" desc=""/>
    <constraint exp="" field="code" desc=""/>
    <constraint exp="" field="name" desc=""/>
    <constraint exp="" field="source" desc=""/>
    <constraint exp="" field="region" desc=""/>
    <constraint exp="" field="admin" desc=""/>
    <constraint exp="" field="year" desc=""/>
    <constraint exp="" field="approval_type" desc=""/>
    <constraint exp="" field="project_type" desc=""/>
    <constraint exp="" field="supply_type" desc=""/>
    <constraint exp="" field="land_use" desc=""/>
    <constraint exp="" field="serial" desc=""/>
    <constraint exp="" field="applicant" desc=""/>
    <constraint exp="" field="declared_area_m2" desc=""/>
    <constraint exp="" field="agreed_handover" desc=""/>
    <constraint exp="" field="agreed_start" desc=""/>
    <constraint exp="" field="agreed_completion" desc=""/>
    <constraint exp="" field="investment_code" desc=""/>
    <constraint exp="" field="status" desc=""/>
    <constraint exp="" field="note" desc=""/>
    <constraint exp="" field="archived" desc=""/>
    <constraint exp="" field="archived_at" desc=""/>
    <constraint exp="" field="archive_reason" desc=""/>
    <constraint exp="" field="created_at" desc=""/>
    <constraint exp="" field="updated_at" desc=""/>
    <constraint exp="" field="updated_by" desc=""/>
    <constraint exp="" field="rev" desc=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortExpression="" actionWidgetStyle="dropDown" sortOrder="0">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>generatedlayout</editorlayout>
  <editable>
    <field editable="0" name="admin"/>
    <field editable="0" name="approval_type"/>
    <field editable="0" name="code"/>
    <field editable="0" name="created_at"/>
    <field editable="0" name="land_use"/>
    <field editable="0" name="project_type"/>
    <field editable="0" name="region"/>
    <field editable="0" name="rev"/>
    <field editable="0" name="serial"/>
    <field editable="0" name="supply_type"/>
    <field editable="0" name="updated_at"/>
    <field editable="0" name="updated_by"/>
    <field editable="0" name="year"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression>"name" || ' (' || "code" || ')'</previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
