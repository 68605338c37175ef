"""Subjects for CCS classes A-K: Chinese|English|CCS|ICS[,ICS]|kind (see vocab.KINDS)."""

DATA = """
[A]
质量管理体系|Quality management systems|A00|03.120.10|s
环境管理体系|Environmental management systems|A00|13.020.10|s
能源管理体系|Energy management systems|A01|27.015|s
合格评定|Conformity assessment|A00|03.120.20|s
企业标准化工作|Enterprise standardization|A00|03.120.10|s
社会责任|Social responsibility|A00|03.100.02|s
物流服务|Logistics services|A16|03.080|s
养老机构服务|Services of elderly care institutions|A16|03.080.30|s
电子商务交易|Electronic commerce transactions|A10|35.240.63|s
公共安全视频监控联网系统|Video surveillance networking systems for public security|A91|13.310|i
安全防范报警设备|Security alarm equipment|A91|13.320|p
图形符号|Graphical symbols|A22|01.080.10|t
统计方法应用|Application of statistical methods|A41|03.120.30|t
量和单位|Quantities and units|A51|01.060|t
地理信息|Geographic information|A75|35.240.70|i
档案数字化|Digitization of archives|A14|01.140.20|s
托盘|Pallets|A85|55.180.20|p
运输包装件|Complete, filled transport packages|A82|55.020|p
[B]
水稻|rice|B22|65.020.20|a
小麦|wheat|B22|65.020.20|a
玉米|maize|B22|65.020.20|a
大豆|soybean|B23|65.020.20|a
马铃薯|potato|B23|65.020.20|a
茶树|tea plant|B35|65.020.20|a
苹果|apple|B31|65.020.20|a
设施蔬菜|greenhouse vegetables|B31|65.020.20|a
林木种苗|forest tree seedlings|B61|65.020.40|a
生猪|pigs|B43|65.020.30|h
肉鸡|broilers|B43|65.020.30|h
奶牛|dairy cattle|B43|65.020.30|h
对虾|penaeid shrimp|B51|65.150|h
草鱼|grass carp|B52|65.150|h
非洲猪瘟|African swine fever|B41|11.220|v
高致病性禽流感|highly pathogenic avian influenza|B41|11.220|v
有机肥料|Organic fertilizers|B13|65.080|m
配合饲料|Formula feeds|B46|65.120|m
人造板|Wood-based panels|B70|79.060|m
原木|Logs|B68|79.040|m
联合收割机|Combine harvesters|B91|65.060.50|p
植保无人飞机|Plant protection unmanned aerial vehicles|B91|65.060.40|p
[C]
医用电气设备|Medical electrical equipment|C39|11.040.01|p
一次性使用无菌注射器|Sterile hypodermic syringes for single use|C31|11.040.25|p
医用口罩|Medical face masks|C48|11.140|p
医用防护服|Protective clothing for medical use|C48|11.140|p
体外诊断试剂|In vitro diagnostic reagents|C44|11.100.10|p
医疗器械生物学评价|Biological evaluation of medical devices|C30|11.100.20|t
人工关节植入物|Joint replacement implants|C35|11.040.40|p
医用超声诊断设备|Medical ultrasonic diagnostic equipment|C41|11.040.50|p
口腔材料|Dental materials|C33|11.060.10|m
中药材|Chinese medicinal materials|C23|11.120.10|m
消毒剂|Disinfectants|C59|11.080.20|m
职业性尘肺病|occupational pneumoconiosis|C60|13.100|v
个体防护装备|Personal protective equipment|C73|13.340.01|p
安全帽|Safety helmets|C73|13.340.20|p
呼吸防护用品|Respiratory protective devices|C73|13.340.30|p
火灾自动报警系统|Automatic fire alarm systems|C81|13.220.20|p
手提式灭火器|Portable fire extinguishers|C84|13.220.10|p
危险化学品仓库|Warehouses for hazardous chemicals|C67|13.300|s
企业安全生产标准化|Work safety standardization for enterprises|C78|13.100|s
[D]
煤|Coal|D21|73.040|m
铁矿石|Iron ores|D31|73.060.10|m
锰矿石|Manganese ores|D32|73.060.20|m
萤石|Fluorspar|D51|73.080|m
金矿石|Gold ores|D46|73.060|m
选煤厂|Coal preparation plants|D27|73.040|s
矿山救护|Mine rescue|D09|13.200|s
固体矿产地质勘查|Geological exploration of solid mineral resources|D10|73.020|s
地下水质量|Groundwater quality|D14|13.060.10|s
滚筒采煤机|Drum shearers|D92|73.100|p
矿用带式输送机|Belt conveyors for mines|D93|53.040.10|p
圆锥破碎机|Cone crushers|D94|73.120|p
煤矿安全监控系统|Safety monitoring systems for coal mines|D98|73.100|p
[E]
原油|Crude oil|E21|75.040|m
天然气|Natural gas|E24|75.060|m
车用汽油|Motor gasoline|E31|75.160.20|m
车用柴油|Automobile diesel fuels|E31|75.160.20|m
内燃机油|Internal combustion engine oils|E34|75.100|m
润滑脂|Lubricating greases|E36|75.100|m
道路石油沥青|Road petroleum asphalt|E43|75.140|m
液化石油气|Liquefied petroleum gas|E46|75.160.30|m
石油产品|Petroleum products|E30|75.080|m
钻井液|Drilling fluids|E13|75.180.10|m
游梁式抽油机|Beam pumping units|E92|75.180.10|p
石油天然气钻采设备|Drilling and production equipment for petroleum and natural gas|E92|75.180.10|p
油气输送管道|Oil and gas transmission pipelines|E98|75.200|e
油气田开发|Oil and gas field development|E12|75.020|s
海洋石油平台|Offshore oil platforms|E94|75.180.10|p
[F]
光伏组件|Photovoltaic modules|F12|27.160|p
光伏发电站|Photovoltaic power stations|F12|27.160|e
风力发电机组|Wind turbine generator systems|F11|27.180|p
电化学储能电站|Electrochemical energy storage stations|F19|27.010|e
生物质成型燃料|Densified biofuels|F13|27.190|m
地源热泵系统|Ground-source heat pump systems|F15|27.080|e
电力系统|Power systems|F21|29.240.01|s
电网调度|Power grid dispatching|F21|29.240.01|s
火力发电厂|Thermal power plants|F23|27.100|e
核电厂|Nuclear power plants|F65|27.120.20|e
放射性废物|Radioactive waste|F75|13.030.30|s
电离辐射防护|Ionizing radiation protection|F70|13.280|s
燃料电池发电系统|Fuel cell power systems|F19|27.070|p
加氢站|Hydrogen refuelling stations|F19|27.075|e
[G]
工业用氢氧化钠|Sodium hydroxide for industrial use|G11|71.060.40|m
工业硫酸|Sulphuric acid for industrial use|G11|71.060.30|m
工业碳酸钠|Sodium carbonate for industrial use|G12|71.060.50|m
尿素|Urea|G21|65.080|m
复合肥料|Compound fertilizers|G21|65.080|m
农药乳油|Emulsifiable concentrates of pesticides|G25|65.100|m
聚氯乙烯树脂|Polyvinyl chloride resins|G32|83.080.20|m
给水用聚乙烯管材|Polyethylene pipes for water supply|G33|23.040.20|p
汽车轮胎|Car tyres|G41|83.160|p
输送带|Conveyor belts|G42|53.040.20|p
橡胶密封件|Rubber seals|G43|83.140.50|p
建筑涂料|Architectural coatings|G51|87.040|m
胶粘剂|Adhesives|G39|83.180|m
化学试剂|Chemical reagents|G60|71.040.30|m
水处理剂|Water treatment chemicals|G77|71.100.80|m
工业气体|Industrial gases|G86|71.100.20|m
工业炸药|Industrial explosives|G89|71.100.30|m
表面活性剂|Surface active agents|G73|71.100.40|m
分散染料|Disperse dyes|G57|87.060.10|m
[H]
钢铁及合金|Iron, steel and alloy|H11|77.080.01|m
铝及铝合金|Aluminium and aluminium alloys|H12|77.120.10|m
铜及铜合金|Copper and copper alloys|H13|77.120.30|m
金属材料|Metallic materials|H22|77.040.10|t
热轧钢板和钢带|Hot-rolled steel plates and strips|H46|77.140.50|m
钢筋混凝土用钢|Steel for the reinforcement of concrete|H44|77.140.15|m
无缝钢管|Seamless steel tubes|H48|77.140.75|m
钢丝绳|Steel wire ropes|H49|77.140.65|m
不锈钢冷轧钢板和钢带|Cold rolled stainless steel plates and strips|H46|77.140.20|m
铝合金建筑型材|Aluminium alloy extruded profiles for architecture|H61|77.150.10|m
稀土金属|Rare earth metals|H65|77.120.99|m
焦炭|Coke|H32|75.160.10|m
铁合金|Ferroalloys|H42|77.100|m
金属粉末|Metallic powders|H71|77.160|m
多晶硅|Polycrystalline silicon|H82|29.045|m
[J]
滚动轴承|Rolling bearings|J11|21.100.20|p
紧固件|Fasteners|J13|21.060.01|p
圆柱齿轮|Cylindrical gears|J17|21.200|p
工业阀门|Industrial valves|J16|23.060.01|p
离心泵|Centrifugal pumps|J71|23.080|p
容积式空气压缩机|Displacement air compressors|J72|23.140|p
液压传动|Hydraulic fluid power|J20|23.100.01|p
机械密封|Mechanical seals|J22|21.140|p
数控机床|Numerically controlled machine tools|J50|25.080.01|p
工业机器人|Industrial robots|J28|25.040.30|p
桥式和门式起重机|Overhead travelling and portal bridge cranes|J80|53.020.20|p
电动叉车|Electric forklift trucks|J83|53.060|p
固定式压力容器|Stationary pressure vessels|J74|23.020.30|p
焊接质量要求|Quality requirements for welding|J33|25.160.01|t
增材制造|Additive manufacturing|J39|25.030|t
产品几何技术规范（GPS）|Geometrical product specifications (GPS)|J04|17.040.40|t
工业锅炉|Industrial boilers|J98|27.060.30|p
往复式内燃机|Reciprocating internal combustion engines|J91|27.020|p
机械安全|Safety of machinery|J09|13.110|t
[K]
锂离子电池|Lithium-ion batteries|K82|29.220.30|p
铅酸蓄电池|Lead-acid batteries|K84|29.220.20|p
电力变压器|Power transformers|K41|29.180|p
高压交流断路器|High-voltage alternating-current circuit-breakers|K43|29.130.10|p
低压开关设备和控制设备|Low-voltage switchgear and controlgear|K31|29.130.20|p
额定电压1 kV到35 kV挤包绝缘电力电缆|Power cables with extruded insulation for rated voltages from 1 kV up to 35 kV|K13|29.060.20|p
三相异步电动机|Three-phase asynchronous motors|K20|29.160.30|p
家用和类似用途插头插座|Plugs and socket-outlets for household and similar purposes|K36|29.120.30|p
LED筒灯|LED downlights|K72|29.140.40|p
灯具|Luminaires|K72|29.140.40|p
手持式电动工具|Hand-held motor-operated electric tools|K64|25.140.20|p
复合绝缘子|Composite insulators|K48|29.080.10|p
交流无间隙金属氧化物避雷器|Metal-oxide surge arresters without gaps for a.c. systems|K49|29.240.10|p
并联电容器|Shunt capacitors|K42|31.060.70|p
不间断电源设备|Uninterruptible power systems|K81|29.200|p
电动汽车传导充电系统|Electric vehicle conductive charging systems|K81|43.120|p
爆炸性环境用电气设备|Electrical apparatus for explosive atmospheres|K35|29.260.20|p
电气绝缘材料|Electrical insulating materials|K15|29.035.01|m
"""
