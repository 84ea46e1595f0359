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
    <field configurationFlags="None" name="stage">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option value="preliminary_review" type="QString" name="用地预审"/>
              </Option>
              <Option type="Map">
                <Option value="conversion_approval" type="QString" name="农转用/征收批准"/>
              </Option>
              <Option type="Map">
                <Option value="reserve" type="QString" name="土地储备"/>
              </Option>
              <Option type="Map">
                <Option value="supply" type="QString" name="供地"/>
              </Option>
              <Option type="Map">
                <Option value="planning_permit" type="QString" name="规划许可"/>
              </Option>
              <Option type="Map">
                <Option value="construction_start" type="QString" name="开工"/>
              </Option>
              <Option type="Map">
                <Option value="completion" type="QString" name="竣工"/>
              </Option>
              <Option type="Map">
                <Option value="registration" type="QString" name="不动产登记"/>
              </Option>
              <Option type="Map">
                <Option value="supervision" type="QString" name="批后监管"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="event_date">
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
    <field configurationFlags="None" name="doc_no">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="origin_system">
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
    <field configurationFlags="None" name="developed_ratio">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="invested_ratio">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field configurationFlags="None" name="batch">
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
    <alias field="stage" name="阶段" index="2"/>
    <alias field="event_date" name="日期" index="3"/>
    <alias field="status" name="状态" index="4"/>
    <alias field="doc_no" name="文号" index="5"/>
    <alias field="origin_system" name="来源系统" index="6"/>
    <alias field="agreed_handover" name="约定交地时间" index="7"/>
    <alias field="agreed_start" name="约定开工时间" index="8"/>
    <alias field="agreed_completion" name="约定竣工时间" index="9"/>
    <alias field="developed_ratio" name="已开发比例" index="10"/>
    <alias field="invested_ratio" name="已投资比例" index="11"/>
    <alias field="batch" name="批次" index="12"/>
    <alias field="note" name="备注" index="13"/>
    <alias field="archived" name="已归档" index="14"/>
    <alias field="archived_at" name="归档时间" index="15"/>
    <alias field="archive_reason" name="归档原因" index="16"/>
    <alias field="created_at" name="创建时间" index="17"/>
    <alias field="updated_at" name="更新时间" index="18"/>
    <alias field="updated_by" name="更新人" index="19"/>
    <alias field="rev" name="版本" index="20"/>
  </aliases>
  <defaults>
    <default applyOnUpdate="0" expression="" field="fid"/>
    <default applyOnUpdate="0" expression="" field="code"/>
    <default applyOnUpdate="0" expression="" field="stage"/>
    <default applyOnUpdate="0" expression="" field="event_date"/>
    <default applyOnUpdate="0" expression="" field="status"/>
    <default applyOnUpdate="0" expression="" field="doc_no"/>
    <default applyOnUpdate="0" expression="" field="origin_system"/>
    <default applyOnUpdate="0" expression="" field="agreed_handover"/>
    <default applyOnUpdate="0" expression="" field="agreed_start"/>
    <default applyOnUpdate="0" expression="" field="agreed_completion"/>
    <default applyOnUpdate="0" expression="" field="developed_ratio"/>
    <default applyOnUpdate="0" expression="" field="invested_ratio"/>
    <default applyOnUpdate="0" expression="" field="batch"/>
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
    <constraint exp_strength="0" field="code" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="stage" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="event_date" unique_strength="0" notnull_strength="1" constraints="1"/>
    <constraint exp_strength="0" field="status" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="doc_no" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="origin_system" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="agreed_handover" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="agreed_start" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="agreed_completion" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="developed_ratio" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="invested_ratio" unique_strength="0" notnull_strength="0" constraints="0"/>
    <constraint exp_strength="0" field="batch" unique_strength="0" notnull_strength="0" constraints="0"/>
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
    <constraint exp="" field="stage" desc=""/>
    <constraint exp="" field="event_date" desc=""/>
    <constraint exp="" field="status" desc=""/>
    <constraint exp="" field="doc_no" desc=""/>
    <constraint exp="" field="origin_system" desc=""/>
    <constraint exp="" field="agreed_handover" desc=""/>
    <constraint exp="" field="agreed_start" desc=""/>
    <constraint exp="" field="agreed_completion" desc=""/>
    <constraint exp="" field="developed_ratio" desc=""/>
    <constraint exp="" field="invested_ratio" desc=""/>
    <constraint exp="" field="batch" desc=""/>
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
    <field editable="0" name="code"/>
    <field editable="0" name="created_at"/>
    <field editable="0" name="rev"/>
    <field editable="0" name="updated_at"/>
    <field editable="0" name="updated_by"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression>"event_date" || ' ' || "stage"</previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
