"""Subjects for CCS classes L-Z: Chinese|English|CCS|ICS[,ICS]|kind (see vocab.KINDS)."""

DATA = """
[L]
信息技术 大数据|Information technology—Big data|L70|35.020|i
信息技术 云计算|Information technology—Cloud computing|L70|35.210|i
信息技术 人工智能|Information technology—Artificial intelligence|L70|35.020|i
信息安全技术 网络安全等级保护|Information security technology—Classified protection of cybersecurity|L80|35.030|i
信息安全技术 个人信息处理|Information security technology—Personal information processing|L80|35.030|i
信息安全技术 数据安全|Information security technology—Data security|L80|35.030|i
系统与软件工程|Systems and software engineering|L77|35.080|i
信息技术 中文编码字符集|Information technology—Chinese coded character set|L71|35.040|i
物联网|Internet of things|L79|35.110|i
智慧城市|Smart city|L67|35.240.01|i
片式多层陶瓷电容器|Multilayer ceramic chip capacitors|L11|31.060.10|p
半导体集成电路|Semiconductor integrated circuits|L56|31.200|p
印制电路板|Printed circuit boards|L30|31.180|p
射频同轴连接器|Radio-frequency coaxial connectors|L23|31.220.10|p
半导体发光二极管|Semiconductor light-emitting diodes|L53|31.260|p
液晶显示器件|Liquid crystal display devices|L50|31.120|p
电磁兼容 试验和测量技术|Electromagnetic compatibility—Testing and measurement techniques|L06|33.100.20|t
压力传感器|Pressure sensors|L15|31.020|p
微型计算机|Microcomputers|L62|35.160|p
信息技术设备|Information technology equipment|L63|35.180|p
[M]
5G移动通信网|5G mobile communication network|M37|33.070|i
通信用单模光纤|Single-mode optical fibres for telecommunication|M33|33.180.10|p
通信用室外光缆|Outdoor optical fibre cables for telecommunication|M42|33.180.10|p
通信用开关电源系统|Switching power supply systems for telecommunications|M41|33.040|p
互联网数据中心|Internet data centres|M10|35.020|e
移动通信终端|Mobile communication terminals|M37|33.070|p
北斗卫星导航系统|BeiDou navigation satellite system|M53|33.060|i
数字电视接收设备|Digital television receiving equipment|M74|33.170|p
有线电视网络|Cable television networks|M62|33.170|i
广播电视节目制作|Radio and television programme production|M71|33.170|s
基站天线|Base station antennas|M51|33.120.40|p
快递服务|Express delivery services|M80|03.240|s
IPv6网络|IPv6 networks|M32|35.110|i
数字通信用对绞电缆|Symmetrical pair cables for digital communication|M42|33.120.20|p
[N]
工业过程测量和控制|Industrial-process measurement and control|N10|25.040.40|p
压力变送器|Pressure transmitters|N11|17.100|p
电磁流量计|Electromagnetic flowmeters|N12|17.120.10|p
智能电能表|Smart electricity meters|N22|17.220.20|p
数字多用表|Digital multimeters|N23|17.220.20|p
光学显微镜|Optical microscopes|N32|37.020|p
气相色谱仪|Gas chromatographs|N52|71.040.10|p
环境空气颗粒物监测仪|Ambient air particulate matter monitors|N56|13.040.20|p
电子天平|Electronic balances|N61|17.060|p
电子万能试验机|Electronic universal testing machines|N71|19.060|p
无损检测|Non-destructive testing|N70|19.100|t
电动振动试验系统|Electrodynamic vibration test systems|N73|17.160|p
饮用冷水水表|Water meters for cold potable water|N12|91.140.60|p
自动气象站|Automatic weather stations|N95|07.060|p
可编程序控制器|Programmable controllers|N18|25.040.40|p
[P]
建筑抗震设计|Seismic design of buildings|P15|91.120.25|e
混凝土结构|Concrete structures|P25|91.080.40|e
钢结构|Steel structures|P26|91.080.13|e
砌体结构|Masonry structures|P24|91.080.30|e
建筑地基基础|Building foundations|P22|93.020|e
建筑给水排水|Water supply and drainage of buildings|P42|91.140.60|e
通风与空调工程|Ventilation and air conditioning works|P48|91.140.30|e
建筑节能|Energy efficiency of buildings|P32|91.120.10|e
住宅|Residential buildings|P33|91.040.30|e
城镇道路|Urban roads|P51|93.080|e
城镇燃气|Urban gas|P47|91.140.40|e
建筑防火|Fire protection of buildings|P16|13.220.01|e
人民防空工程|Civil air defence works|P18|93.020|e
装配式建筑|Prefabricated buildings|P30|91.040.01|e
园林绿化|Landscaping|P53|65.020.40|e
城市轨道交通|Urban rail transit|P65|45.140|e
公路桥涵|Highway bridges and culverts|P28|93.040|e
水利水电工程|Water conservancy and hydropower projects|P55|93.160|e
建筑施工安全|Safety of building construction|P09|91.200|e
[Q]
通用硅酸盐水泥|Common Portland cement|Q11|91.100.10|m
混凝土外加剂|Concrete admixtures|Q12|91.100.10|m
预拌混凝土|Ready-mixed concrete|Q13|91.100.30|m
蒸压加气混凝土砌块|Autoclaved aerated concrete blocks|Q15|91.100.30|m
建筑防水卷材|Building waterproofing membranes|Q17|91.100.50|m
陶瓷砖|Ceramic tiles|Q31|91.100.23|m
卫生陶瓷|Sanitary ceramics|Q31|91.140.70|p
平板玻璃|Flat glass|Q33|81.040.20|m
中空玻璃|Insulating glass units|Q33|81.040.20|p
绝热用岩棉制品|Rock wool products for thermal insulation|Q25|91.100.60|m
纸面石膏板|Gypsum plasterboards|Q62|91.100.10|m
耐火材料|Refractories|Q40|81.080|m
天然花岗石建筑板材|Natural granite building slabs|Q21|91.100.15|m
电梯|Lifts|Q78|91.140.90|p
建筑外门窗|Exterior windows and doors of buildings|Q73|91.060.50|p
玻璃纤维无捻粗纱|Glass fibre rovings|Q36|59.100.10|m
[R]
营运客车|Operating buses|R11|43.080.20|p
道路交通标志和标线|Road traffic signs and markings|R84|93.080.30|p
道路交通信号灯|Road traffic signal lamps|R87|93.080.30|p
机动车驾驶人考试|Motor vehicle driver examination|R82|03.220.20|s
道路交通事故处理|Handling of road traffic accidents|R81|03.220.20|s
道路货物运输|Road freight transport|R12|03.220.20|s
城市公共汽电车|Urban buses and trolleybuses|R11|03.220.20|s
公路集装箱运输|Road container transport|R13|55.180.10|s
港口装卸作业|Port loading and unloading operations|R43|03.220.40|s
内河船舶|Inland waterway vessels|R22|47.060|s
水上救助打捞|Rescue and salvage at sea|R51|13.200|s
智能运输系统|Intelligent transport systems|R85|35.240.60|i
公路养护|Highway maintenance|R18|93.080|e
机动车安全技术检验|Safety technical inspection of motor vehicles|R82|43.180|s
[S]
铁路客车|Railway passenger cars|S51|45.060.20|p
铁路货车|Railway freight wagons|S52|45.060.20|p
电力机车|Electric locomotives|S41|45.060.10|p
动车组|Electric multiple units|S49|45.060.10|p
钢轨|Rails|S11|45.080|p
道岔|Turnouts|S12|45.080|p
铁路信号设备|Railway signalling equipment|S60|45.020|p
计算机联锁系统|Computer-based interlocking systems|S62|45.020|i
铁路数字移动通信系统|Railway digital mobile communication systems|S70|45.020|i
电气化铁路接触网|Overhead contact lines for electrified railways|S82|29.280|p
铁路隧道|Railway tunnels|S13|93.060|e
铁路旅客运输服务|Railway passenger transport services|S92|03.220.30|s
铁路桥梁|Railway bridges|S13|93.040|e
车钩缓冲装置|Couplers and draft gears|S31|45.040|p
[T]
乘用车|Passenger cars|T41|43.100|p
纯电动乘用车|Battery electric passenger cars|T47|43.120|p
电动汽车用动力蓄电池|Traction batteries for electric vehicles|T47|43.120,29.220.20|p
汽车制动系统|Braking systems of motor vehicles|T24|43.040.40|p
汽车安全带|Seat belts for motor vehicles|T26|43.040.60|p
汽车前照灯|Motor vehicle headlamps|T38|43.040.20|p
商用车|Commercial vehicles|T43|43.080|p
摩托车|Motorcycles|T80|43.140|p
电动自行车|Electric bicycles|T99|43.150|p
农业拖拉机|Agricultural tractors|T61|65.060.10|p
半挂车|Semi-trailers|T71|43.080.10|p
智能网联汽车|Intelligent and connected vehicles|T35|43.040.15|i
汽车发动机|Automotive engines|T11|43.060|p
专用汽车|Special purpose vehicles|T50|43.160|p
电动汽车充电站|Electric vehicle charging stations|T47|43.120|e
[U]
钢质海船|Steel seagoing ships|U13|47.040|p
船用柴油机|Marine diesel engines|U44|47.020.20|p
船用救生设备|Ship life-saving appliances|U27|47.020.50|p
船用锚链|Ship anchor chains|U21|47.020.50|p
船用阀门|Marine valves|U52|47.020.30|p
船舶电气设备|Electrical installations in ships|U61|47.020.60|p
船舶导航设备|Ship navigation equipment|U65|47.020.70|p
渔船|Fishing vessels|U15|47.020|p
小艇|Small craft|U18|47.080|p
船舶焊接|Welding of ships|U06|47.020.10|t
海洋平台|Offshore platforms|U17|75.180.10|p
船舶压载水处理系统|Ballast water management systems for ships|U31|47.020|p
[V]
民用飞机|Civil aircraft|V36|49.020|p
航空发动机|Aircraft engines|V30|49.050|p
民用无人驾驶航空器|Civil unmanned aircraft|V35|49.020|p
航空紧固件|Aerospace fasteners|V20|49.030|p
航天器|Spacecraft|V71|49.140|p
运载火箭|Launch vehicles|V70|49.140|p
民用机场|Civil airports|V56|93.120|e
空中交通管制|Air traffic control|V54|03.220.50|s
航空器维修|Aircraft maintenance|V55|49.100|s
遥感卫星|Remote sensing satellites|V71|49.140|p
航空用钛合金|Titanium alloys for aerospace|V11|49.025.30|m
机载设备|Airborne equipment|V45|49.090|p
[W]
纺织品|Textiles|W04|59.080.01|m
纺织产品|Textile products|W04|59.080.01|m
棉纱线|Cotton yarns|W12|59.080.20|m
棉本色布|Cotton grey fabrics|W13|59.080.30|m
精梳毛织品|Worsted fabrics|W23|59.080.30|m
真丝绸|Silk fabrics|W43|59.080.30|m
涤纶短纤维|Polyester staple fibres|W52|59.060.20|m
针织内衣|Knitted underwear|W63|61.020|m
毛巾|Towels|W57|59.080.30|m
床上用品|Bedding products|W57|97.160|m
非织造布|Nonwovens|W59|59.080.30|m
羊绒针织品|Cashmere knitted products|W63|59.080.30|m
印染布|Printed and dyed fabrics|W71|59.080.30|m
纺织机械|Textile machinery|W90|59.120|p
[X]
乳粉|Milk powder|X16|67.100.10|f
灭菌乳|Sterilized milk|X16|67.100.10|f
大米|Rice|X11|67.060|f
小麦粉|Wheat flour|X11|67.060|f
食用植物油|Edible vegetable oils|X14|67.200.10|f
饮料|Beverages|X51|67.160.20|f
绿茶|Green tea|X55|67.140.10|f
白酒|Baijiu|X61|67.160.10|f
葡萄酒|Wine|X62|67.160.10|f
酿造酱油|Fermented soy sauce|X66|67.220.20|f
食醋|Vinegar|X66|67.220.20|f
罐头食品|Canned food|X70|67.230|f
婴儿配方食品|Infant formula|X82|67.230|f
保健食品|Health foods|X83|67.230|f
食用盐|Edible salt|X38|67.220.20|f
速冻面米食品|Quick-frozen flour and rice products|X10|67.230|f
熟肉制品|Cooked meat products|X22|67.120.10|f
饼干|Biscuits|X28|67.060|f
食品加工机械|Food processing machinery|X90|67.260|p
[Y]
家用和类似用途电器|Household and similar electrical appliances|Y60|97.030|p
房间空气调节器|Room air conditioners|Y61|23.120|p
家用电冰箱|Household refrigerators|Y61|97.040.30|p
家用电动洗衣机|Household electric washing machines|Y62|97.060|p
储水式电热水器|Storage water heaters|Y63|91.140.65|p
吸油烟机|Range hoods|Y60|97.040.20|p
木家具|Wooden furniture|Y80|97.140|p
儿童家具|Children's furniture|Y81|97.140|p
玩具|Toys|Y57|97.200.50|p
化妆品|Cosmetics|Y42|71.100.70|m
衣料用液体洗涤剂|Liquid laundry detergents|Y43|71.100.40|m
纸巾纸|Tissue paper|Y39|85.080|m
瓦楞纸箱|Corrugated boxes|Y33|55.160|p
皮鞋|Leather shoes|Y78|61.060|p
儿童服装|Children's garments|Y76|61.020|p
自行车|Bicycles|Y14|43.150|p
日用陶瓷器|Domestic ceramic ware|Y24|97.040.60|m
家用健身器材|Home fitness equipment|Y55|97.220.30|p
智能门锁|Smart door locks|Y71|91.190|p
[Z]
水泥工业|cement industry|Z61|13.040.40|z
火电厂|thermal power plants|Z61|13.040.40|z
锅炉|boilers|Z62|13.040.40|z
电镀|electroplating|Z62|13.060.30|z
制药工业|pharmaceutical industry|Z63|13.060.30|z
生活垃圾焚烧|municipal solid waste incineration|Z68|13.030.40|z
城镇污水处理厂|municipal wastewater treatment plants|Z68|13.060.30|z
环境空气|Ambient air|Z15|13.040.20|zm
水质|Water quality|Z16|13.060.50|zm
土壤和沉积物|Soil and sediment|Z18|13.080.10|zm
固定污染源废气|Stationary source emission|Z25|13.040.40|zm
建设项目环境影响评价|Environmental impact assessment of construction projects|Z00|13.020.30|s
一般工业固体废物|General industrial solid wastes|Z71|13.030.10|s
危险废物|Hazardous wastes|Z70|13.030.30|s
排污许可|Pollutant discharge permits|Z05|13.020.10|s
"""
