"""Table-driven cases: real-looking identifiers of every tier and their parsed fields."""

import csv
from pathlib import Path

import pytest

from biaozhun.identifiers import ERROR_CODES, IdentifierError, Nature, Supplement, Tier, default_tables, parse

DATA = Path(__file__).resolve().parents[2] / "biaozhun" / "reference" / "data"

# input | canonical | tier | prefix | nature | number | part | year | other fields (key=value;...)
CASES = """
GB/T 19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001—2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001–2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001－2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001―2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001一2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001——2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
ＧＢ／Ｔ　１９００１－２０１６ | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB／T 19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB / T 19001 - 2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
gb/t 19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
gbt19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GBT 19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB T 19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T-19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001-2016。 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001-2016; | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001-2016， | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
《质量管理体系 要求》GB/T 19001-2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001-2016《质量管理体系 要求》 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001:2016 | GB/T 19001-2016 | national | GB/T | recommended | 19001 | - | 2016 |
GB/T 19001 | GB/T 19001 | national | GB/T | recommended | 19001 | - | - |
GB/T 1.1-2020 | GB/T 1.1-2020 | national | GB/T | recommended | 1 | 1 | 2020 |
GB/T 1.1—2020 | GB/T 1.1-2020 | national | GB/T | recommended | 1 | 1 | 2020 |
GB/T 1．1－2020 | GB/T 1.1-2020 | national | GB/T | recommended | 1 | 1 | 2020 |
GB/T 1.10-2020 | GB/T 1.10-2020 | national | GB/T | recommended | 1 | 10 | 2020 |
GB/T 4208.2.1 | GB/T 4208.2.1 | national | GB/T | recommended | 4208 | 2.1 | - |
GB/T 20000.1-2014 | GB/T 20000.1-2014 | national | GB/T | recommended | 20000 | 1 | 2014 |
GB 2760-2014 | GB 2760-2014 | national | GB | mandatory | 2760 | - | 2014 |
GB 2760-86 | GB 2760-1986 | national | GB | mandatory | 2760 | - | 1986 |
GB 2760—1986 | GB 2760-1986 | national | GB | mandatory | 2760 | - | 1986 |
GB 4943.1-2022 | GB 4943.1-2022 | national | GB | mandatory | 4943 | 1 | 2022 |
GB 50009-2012 | GB 50009-2012 | national | GB | mandatory | 50009 | - | 2012 |
GB 55001-2021 | GB 55001-2021 | national | GB | mandatory | 55001 | - | 2021 |
GB/T 50001-2017 | GB/T 50001-2017 | national | GB/T | recommended | 50001 | - | 2017 |
GB/Z 41305-2022 | GB/Z 41305-2022 | national | GB/Z | guidance | 41305 | - | 2022 |
GB Z 1234-2010 | GB/Z 1234-2010 | national | GB/Z | guidance | 1234 | - | 2010 |
GB 1-58 | GB 1-1958 | national | GB | mandatory | 1 | - | 1958 |
GB/T 7714-2015 | GB/T 7714-2015 | national | GB/T | recommended | 7714 | - | 2015 |
GB 18030-2022 | GB 18030-2022 | national | GB | mandatory | 18030 | - | 2022 |
GB 2762-2017/XG1-2021 | GB 2762-2017/XG1-2021 | national | GB | mandatory | 2762 | - | 2017 | supplements=xg:1:2021
GB 2762-2017/XG1 | GB 2762-2017/XG1 | national | GB | mandatory | 2762 | - | 2017 | supplements=xg:1:-
GB 2762-2017/xg1—2021 | GB 2762-2017/XG1-2021 | national | GB | mandatory | 2762 | - | 2017 | supplements=xg:1:2021
GB 2762-2017/XG1-2021/XG2-2022 | GB 2762-2017/XG1-2021/XG2-2022 | national | GB | mandatory | 2762 | - | 2017 | supplements=xg:1:2021,xg:2:2022
GB/T 19001-2016/ISO 9001:2015 | GB/T 19001-2016/ISO 9001:2015 | national | GB/T | recommended | 19001 | - | 2016 | adopted=ISO 9001:2015
GB/T 19001—2016/ISO 9001:2015 | GB/T 19001-2016/ISO 9001:2015 | national | GB/T | recommended | 19001 | - | 2016 | adopted=ISO 9001:2015
GB/T 19001-2016 / ISO 9001：2015 | GB/T 19001-2016/ISO 9001:2015 | national | GB/T | recommended | 19001 | - | 2016 | adopted=ISO 9001:2015
GB/T 19001-2016 idt ISO 9001:2015 | GB/T 19001-2016/ISO 9001:2015 | national | GB/T | recommended | 19001 | - | 2016 | adopted=ISO 9001:2015
GB/T 19001-2016 (ISO 9001:2015, IDT) | GB/T 19001-2016/ISO 9001:2015 | national | GB/T | recommended | 19001 | - | 2016 | adopted=ISO 9001:2015
GB/T 19001-2016（ISO 9001：2015，IDT） | GB/T 19001-2016/ISO 9001:2015 | national | GB/T | recommended | 19001 | - | 2016 | adopted=ISO 9001:2015
GB/T 19001-2000 (idt ISO 9001:2000) | GB/T 19001-2000/ISO 9001:2000 | national | GB/T | recommended | 19001 | - | 2000 | adopted=ISO 9001:2000
GB/T 19001-2016/ISO 9001-2015 | GB/T 19001-2016/ISO 9001:2015 | national | GB/T | recommended | 19001 | - | 2016 | adopted=ISO 9001:2015
GB/T 22080-2016/ISO/IEC 27001:2013 | GB/T 22080-2016/ISO/IEC 27001:2013 | national | GB/T | recommended | 22080 | - | 2016 | adopted=ISO/IEC 27001:2013
GB/T 4208-2017/IEC 60529:2013 | GB/T 4208-2017/IEC 60529:2013 | national | GB/T | recommended | 4208 | - | 2017 | adopted=IEC 60529:2013
GB/T 20000.1-2014/ISO/IEC Guide 2:2004 | GB/T 20000.1-2014/ISO/IEC Guide 2:2004 | national | GB/T | recommended | 20000 | 1 | 2014 | adopted=ISO/IEC Guide 2:2004
GB/T 16895.21-2020/IEC 60364-4-41:2017 | GB/T 16895.21-2020/IEC 60364-4-41:2017 | national | GB/T | recommended | 16895 | 21 | 2020 | adopted=IEC 60364-4-41:2017
GB/T 5009 (all parts) | GB/T 5009 (all parts) | national | GB/T | recommended | 5009 | - | - | all_parts=True
GB/T 5009（所有部分） | GB/T 5009 (all parts) | national | GB/T | recommended | 5009 | - | - | all_parts=True
GB/T 5009 （所有部分） | GB/T 5009 (all parts) | national | GB/T | recommended | 5009 | - | - | all_parts=True
GB/T 5009(ALL PARTS) | GB/T 5009 (all parts) | national | GB/T | recommended | 5009 | - | - | all_parts=True
GBZ 2.1-2019 | GBZ 2.1-2019 | national | GBZ | mandatory | 2 | 1 | 2019 |
GBZ 188-2014 | GBZ 188-2014 | national | GBZ | mandatory | 188 | - | 2014 |
GBZ/T 160.1-2004 | GBZ/T 160.1-2004 | national | GBZ/T | recommended | 160 | 1 | 2004 |
GBZT 160.1-2004 | GBZ/T 160.1-2004 | national | GBZ/T | recommended | 160 | 1 | 2004 |
GBJ 16-87 | GBJ 16-1987 | national | GBJ | mandatory | 16 | - | 1987 |
GJB 9001C-2017 | GJB 9001C-2017 | national | GJB | - | 9001C | - | 2017 |
GJB 150.1A-2009 | GJB 150.1A-2009 | national | GJB | - | 150 | 1A | 2009 |
GJB/Z 299C-2006 | GJB/Z 299C-2006 | national | GJB/Z | guidance | 299C | - | 2006 |
GJB 5000A-2008 | GJB 5000A-2008 | national | GJB | - | 5000A | - | 2008 |
JJF 1001-2011 | JJF 1001-2011 | national | JJF | - | 1001 | - | 2011 |
JJF 1059.1-2012 | JJF 1059.1-2012 | national | JJF | - | 1059 | 1 | 2012 |
JJG 1036-2008 | JJG 1036-2008 | national | JJG | - | 1036 | - | 2008 |
JJG 52-2013 | JJG 52-2013 | national | JJG | - | 52 | - | 2013 |
GSB 04-3053-2013 | GSB 04-3053-2013 | national | GSB | - | 04-3053 | - | 2013 |
GSB 04-3053 | GSB 04-3053 | national | GSB | - | 04-3053 | - | - |
GSB 07-3160-2014 | GSB 07-3160-2014 | national | GSB | - | 07-3160 | - | 2014 |
JJG(京) 31-2013 | JJG(京) 31-2013 | local | JJG(京) | - | 31 | - | 2013 | region_code=11
JJG（沪） 123-2015 | JJG(沪) 123-2015 | local | JJG(沪) | - | 123 | - | 2015 | region_code=31
JJF(浙) 1001-2020 | JJF(浙) 1001-2020 | local | JJF(浙) | - | 1001 | - | 2020 | region_code=33
JJG(铁道) 123-2010 | JJG(铁道) 123-2010 | industry | JJG(铁道) | - | 123 | - | 2010 |
JB/T 10001-2018 | JB/T 10001-2018 | industry | JB/T | recommended | 10001 | - | 2018 | industry_code=JB
JBT 10001-2018 | JB/T 10001-2018 | industry | JB/T | recommended | 10001 | - | 2018 | industry_code=JB
jb/t10001-2018 | JB/T 10001-2018 | industry | JB/T | recommended | 10001 | - | 2018 | industry_code=JB
JB T 10001-2018 | JB/T 10001-2018 | industry | JB/T | recommended | 10001 | - | 2018 | industry_code=JB
JB/T 10001-2018/XG1-2020 | JB/T 10001-2018/XG1-2020 | industry | JB/T | recommended | 10001 | - | 2018 | industry_code=JB;supplements=xg:1:2020
YY 0505-2012 | YY 0505-2012 | industry | YY | mandatory | 0505 | - | 2012 | industry_code=YY
YY/T 0287-2017/ISO 13485:2016 | YY/T 0287-2017/ISO 13485:2016 | industry | YY/T | recommended | 0287 | - | 2017 | industry_code=YY;adopted=ISO 13485:2016
YY 0505—2012 | YY 0505-2012 | industry | YY | mandatory | 0505 | - | 2012 | industry_code=YY
DL／T 5210.1-2012 | DL/T 5210.1-2012 | industry | DL/T | recommended | 5210 | 1 | 2012 | industry_code=DL
SH/T 3001-2005 | SH/T 3001-2005 | industry | SH/T | recommended | 3001 | - | 2005 | industry_code=SH
HG/T 20519-2009 | HG/T 20519-2009 | industry | HG/T | recommended | 20519 | - | 2009 | industry_code=HG
NB/SH/T 0001-2019 | NB/SH/T 0001-2019 | industry | NB/SH/T | recommended | 0001 | - | 2019 | industry_code=NB;co_publishers=NB,SH
NB/SHT 0001-2019 | NB/SH/T 0001-2019 | industry | NB/SH/T | recommended | 0001 | - | 2019 | industry_code=NB;co_publishers=NB,SH
NB/T 10001-2018 | NB/T 10001-2018 | industry | NB/T | recommended | 10001 | - | 2018 | industry_code=NB
QJ 1234A-2011 | QJ 1234A-2011 | industry | QJ | mandatory | 1234A | - | 2011 | industry_code=QJ
HB 5143-96 | HB 5143-1996 | industry | HB | mandatory | 5143 | - | 1996 | industry_code=HB
HJ 2.1-2016 | HJ 2.1-2016 | industry | HJ | mandatory | 2 | 1 | 2016 | industry_code=HJ
HJ/T 91-2002 | HJ/T 91-2002 | industry | HJ/T | recommended | 91 | - | 2002 | industry_code=HJ
SJ/Z 11352-2006 | SJ/Z 11352-2006 | industry | SJ/Z | guidance | 11352 | - | 2006 | industry_code=SJ
SN/T 1234.1-2019 | SN/T 1234.1-2019 | industry | SN/T | recommended | 1234 | 1 | 2019 | industry_code=SN
WS/T 367-2012 | WS/T 367-2012 | industry | WS/T | recommended | 367 | - | 2012 | industry_code=WS
DB/T 15-2009 | DB/T 15-2009 | industry | DB/T | recommended | 15 | - | 2009 | industry_code=DB
DB/T 15—2009 | DB/T 15-2009 | industry | DB/T | recommended | 15 | - | 2009 | industry_code=DB
DB 15-2009 | DB 15-2009 | industry | DB | mandatory | 15 | - | 2009 | industry_code=DB
DBT 60-2015 | DB/T 60-2015 | industry | DB/T | recommended | 60 | - | 2015 | industry_code=DB
JGJ 130-2011 | JGJ 130-2011 | industry | JGJ | mandatory | 130 | - | 2011 | industry_code=JGJ
JGJ/T 98-2010 | JGJ/T 98-2010 | industry | JGJ/T | recommended | 98 | - | 2010 | industry_code=JGJ
JGJT 98-2010 | JGJ/T 98-2010 | industry | JGJ/T | recommended | 98 | - | 2010 | industry_code=JGJ
JGJ 18-84 | JGJ 18-1984 | industry | JGJ | mandatory | 18 | - | 1984 | industry_code=JGJ
CJJ 1-2008 | CJJ 1-2008 | industry | CJJ | mandatory | 1 | - | 2008 | industry_code=CJJ
CJJ/T 135-2009 | CJJ/T 135-2009 | industry | CJJ/T | recommended | 135 | - | 2009 | industry_code=CJJ
JTG D60-2015 | JTG D60-2015 | industry | JTG | mandatory | D60 | - | 2015 | industry_code=JTG
JTG/T 3650-2020 | JTG/T 3650-2020 | industry | JTG/T | recommended | 3650 | - | 2020 | industry_code=JTG
JTG/T D65-04-2007 | JTG/T D65-04-2007 | industry | JTG/T | recommended | D65-04 | - | 2007 | industry_code=JTG
JTG/T D65-04 | JTG/T D65-04 | industry | JTG/T | recommended | D65-04 | - | - | industry_code=JTG
JTG/T J21-01-2015 | JTG/T J21-01-2015 | industry | JTG/T | recommended | J21-01 | - | 2015 | industry_code=JTG
JTG F80/1-2017 | JTG F80/1-2017 | industry | JTG | mandatory | F80/1 | - | 2017 | industry_code=JTG
JTG/T 6303.1-2017 | JTG/T 6303.1-2017 | industry | JTG/T | recommended | 6303 | 1 | 2017 | industry_code=JTG
JTG 3362-2018 | JTG 3362-2018 | industry | JTG | mandatory | 3362 | - | 2018 | industry_code=JTG
JTJ 021-89 | JTJ 021-1989 | industry | JTJ | mandatory | 021 | - | 1989 | industry_code=JTJ
JTS 144-1-2010 | JTS 144-1-2010 | industry | JTS | mandatory | 144-1 | - | 2010 | industry_code=JTS
JTS 145-2015 | JTS 145-2015 | industry | JTS | mandatory | 145 | - | 2015 | industry_code=JTS
TSG Z6001-2019 | TSG Z6001-2019 | industry | TSG | mandatory | Z6001 | - | 2019 | industry_code=TSG
TSG ZF001-2006 | TSG ZF001-2006 | industry | TSG | mandatory | ZF001 | - | 2006 | industry_code=TSG
TSG 21-2016 | TSG 21-2016 | industry | TSG | mandatory | 21 | - | 2016 | industry_code=TSG
TSG 08-2017 | TSG 08-2017 | industry | TSG | mandatory | 08 | - | 2017 | industry_code=TSG
TSG T7001-2009 | TSG T7001-2009 | industry | TSG | mandatory | T7001 | - | 2009 | industry_code=TSG
DB11/T 1234-2019 | DB11/T 1234-2019 | local | DB11/T | recommended | 1234 | - | 2019 | region_code=11
DB11/T1234-2019 | DB11/T 1234-2019 | local | DB11/T | recommended | 1234 | - | 2019 | region_code=11
db11/t 1234-2019 | DB11/T 1234-2019 | local | DB11/T | recommended | 1234 | - | 2019 | region_code=11
DB3301/T 0123-2020 | DB3301/T 0123-2020 | local | DB3301/T | recommended | 0123 | - | 2020 | region_code=3301
DB4403/T 1-2017 | DB4403/T 1-2017 | local | DB4403/T | recommended | 1 | - | 2017 | region_code=4403
DB44/1989-2017 | DB44/1989-2017 | local | DB44 | mandatory | 1989 | - | 2017 | region_code=44
DB44/ 1989-2017 | DB44/1989-2017 | local | DB44 | mandatory | 1989 | - | 2017 | region_code=44
DB44 1989-2017 | DB44/1989-2017 | local | DB44 | mandatory | 1989 | - | 2017 | region_code=44
DB 31/T 1234—2020 | DB31/T 1234-2020 | local | DB31/T | recommended | 1234 | - | 2020 | region_code=31
DB33/ 1234-2019 | DB33/1234-2019 | local | DB33 | mandatory | 1234 | - | 2019 | region_code=33
DB33T 1234-2019 | DB33/T 1234-2019 | local | DB33/T | recommended | 1234 | - | 2019 | region_code=33
DB 33 T 1234-2019 | DB33/T 1234-2019 | local | DB33/T | recommended | 1234 | - | 2019 | region_code=33
DB37/T 4328—2021 | DB37/T 4328-2021 | local | DB37/T | recommended | 4328 | - | 2021 | region_code=37
DB11/T 1234.1-2019 | DB11/T 1234.1-2019 | local | DB11/T | recommended | 1234 | 1 | 2019 | region_code=11
DB65/T 4000-2017 | DB65/T 4000-2017 | local | DB65/T | recommended | 4000 | - | 2017 | region_code=65
DB11/Z 1-2015 | DB11/Z 1-2015 | local | DB11/Z | guidance | 1 | - | 2015 | region_code=11
DB5301/T 1-2019 | DB5301/T 1-2019 | local | DB5301/T | recommended | 1 | - | 2019 | region_code=5301
DBJ/T 15-101-2014 | DBJ/T 15-101-2014 | local | DBJ/T | recommended | 15-101 | - | 2014 |
DBJ 15-31-2016 | DBJ 15-31-2016 | local | DBJ | mandatory | 15-31 | - | 2016 |
DBJ15-31-2016 | DBJ 15-31-2016 | local | DBJ | mandatory | 15-31 | - | 2016 |
DBJ 15-62 | DBJ 15-62 | local | DBJ | mandatory | 15-62 | - | - |
DBJ50/T-100-2012 | DBJ50/T 100-2012 | local | DBJ50/T | recommended | 100 | - | 2012 | region_code=50
DBJ43/T 301-2015 | DBJ43/T 301-2015 | local | DBJ43/T | recommended | 301 | - | 2015 | region_code=43
DGJ 08-9-2013 | DGJ 08-9-2013 | local | DGJ | mandatory | 08-9 | - | 2013 | region_code=31
DG/TJ 08-2001-2016 | DG/TJ 08-2001-2016 | local | DG/TJ | recommended | 08-2001 | - | 2016 | region_code=31
T/CAS 115-2005 | T/CAS 115-2005 | group | T/CAS | - | 115 | - | 2005 | org_code=CAS
T/CAS115-2005 | T/CAS 115-2005 | group | T/CAS | - | 115 | - | 2005 | org_code=CAS
t/cas 115—2005 | T/CAS 115-2005 | group | T/CAS | - | 115 | - | 2005 | org_code=CAS
T/CSAE 53-2020 | T/CSAE 53-2020 | group | T/CSAE | - | 53 | - | 2020 | org_code=CSAE
T/SHHJ 000003-2020 | T/SHHJ 000003-2020 | group | T/SHHJ | - | 000003 | - | 2020 | org_code=SHHJ
T/CECA-G 0015-2017 | T/CECA-G 0015-2017 | group | T/CECA-G | - | 0015 | - | 2017 | org_code=CECA-G
T/CECS 10001-2022 | T/CECS 10001-2022 | group | T/CECS | - | 10001 | - | 2022 | org_code=CECS
T/ZZB 0001-2015 | T/ZZB 0001-2015 | group | T/ZZB | - | 0001 | - | 2015 | org_code=ZZB
T/CCSA 123.1-2020 | T/CCSA 123.1-2020 | group | T/CCSA | - | 123 | 1 | 2020 | org_code=CCSA
T/CAS-115-2005 | T/CAS 115-2005 | group | T/CAS | - | 115 | - | 2005 | org_code=CAS
T/3DPA 001-2020 | T/3DPA 001-2020 | group | T/3DPA | - | 001 | - | 2020 | org_code=3DPA
CECS 102:2002 | CECS 102:2002 | group | CECS | - | 102 | - | 2002 | org_code=CECS
CECS 102-2002 | CECS 102:2002 | group | CECS | - | 102 | - | 2002 | org_code=CECS
Q/ABC 001-2021 | Q/ABC 001-2021 | enterprise | Q/ABC | - | 001 | - | 2021 | org_code=ABC
Q/ABC001-2021 | Q/ABC 001-2021 | enterprise | Q/ABC | - | 001 | - | 2021 | org_code=ABC
Q/GDW 1168-2013 | Q/GDW 1168-2013 | enterprise | Q/GDW | - | 1168 | - | 2013 | org_code=GDW
Q/GDW 11168—2014 | Q/GDW 11168-2014 | enterprise | Q/GDW | - | 11168 | - | 2014 | org_code=GDW
Q/SY 1234-2010 | Q/SY 1234-2010 | enterprise | Q/SY | - | 1234 | - | 2010 | org_code=SY
Q/CR 9218-2015 | Q/CR 9218-2015 | enterprise | Q/CR | - | 9218 | - | 2015 | org_code=CR
Q/CSG 1203004.2-2015 | Q/CSG 1203004.2-2015 | enterprise | Q/CSG | - | 1203004 | 2 | 2015 | org_code=CSG
Q/ABC/J 001-2021 | Q/ABC/J 001-2021 | enterprise | Q/ABC/J | - | 001 | - | 2021 | org_code=ABC
Q/ABC/G 002-2021 | Q/ABC/G 002-2021 | enterprise | Q/ABC/G | - | 002 | - | 2021 | org_code=ABC
Q/320102 ABC 001-2021 | Q/320102 ABC 001-2021 | enterprise | Q/320102 ABC | - | 001 | - | 2021 | org_code=320102 ABC
Q/320102 ABC/Z 001-2021 | Q/320102 ABC/Z 001-2021 | enterprise | Q/320102 ABC/Z | - | 001 | - | 2021 | org_code=320102 ABC
Q/12GS 0001-2020 | Q/12GS 0001-2020 | enterprise | Q/12GS | - | 0001 | - | 2020 | org_code=12GS
ISO 9001:2015 | ISO 9001:2015 | international | ISO | - | 9001 | - | 2015 |
ISO 9001 | ISO 9001 | international | ISO | - | 9001 | - | - |
ISO9001:2015 | ISO 9001:2015 | international | ISO | - | 9001 | - | 2015 |
iso 9001：2015 | ISO 9001:2015 | international | ISO | - | 9001 | - | 2015 |
ISO 9001-2015 | ISO 9001:2015 | international | ISO | - | 9001 | - | 2015 |
ISO 9001—2015 | ISO 9001:2015 | international | ISO | - | 9001 | - | 2015 |
ISO 1234-1:2019 | ISO 1234-1:2019 | international | ISO | - | 1234 | 1 | 2019 |
ISO 1234-1 | ISO 1234-1 | international | ISO | - | 1234 | 1 | - |
ISO 1234-1-2019 | ISO 1234-1:2019 | international | ISO | - | 1234 | 1 | 2019 |
ISO 10303-21:2016 | ISO 10303-21:2016 | international | ISO | - | 10303 | 21 | 2016 |
ISO 10303-1001 | ISO 10303-1001 | international | ISO | - | 10303 | 1001 | - |
ISO 80000 (all parts) | ISO 80000 (all parts) | international | ISO | - | 80000 | - | - | all_parts=True
ISO 80000（所有部分） | ISO 80000 (all parts) | international | ISO | - | 80000 | - | - | all_parts=True
ISO/IEC 27001:2022 | ISO/IEC 27001:2022 | international | ISO/IEC | - | 27001 | - | 2022 | co_publishers=ISO,IEC
ISO/IEC27001:2022 | ISO/IEC 27001:2022 | international | ISO/IEC | - | 27001 | - | 2022 | co_publishers=ISO,IEC
iso/iec 27001:2022 | ISO/IEC 27001:2022 | international | ISO/IEC | - | 27001 | - | 2022 | co_publishers=ISO,IEC
ISO/IEC/IEEE 42010:2011 | ISO/IEC/IEEE 42010:2011 | international | ISO/IEC/IEEE | - | 42010 | - | 2011 | co_publishers=ISO,IEC,IEEE
ISO/ASTM 52900:2021 | ISO/ASTM 52900:2021 | international | ISO/ASTM | - | 52900 | - | 2021 | co_publishers=ISO,ASTM
IEC/IEEE 60255-118-1:2018 | IEC/IEEE 60255-118-1:2018 | international | IEC/IEEE | - | 60255 | 118-1 | 2018 | co_publishers=IEC,IEEE
ISO/TR 10013:2001 | ISO/TR 10013:2001 | international | ISO/TR | - | 10013 | - | 2001 |
ISO TR 10013:2001 | ISO/TR 10013:2001 | international | ISO/TR | - | 10013 | - | 2001 |
ISO/TS 16949:2009 | ISO/TS 16949:2009 | international | ISO/TS | - | 16949 | - | 2009 |
ISO/PAS 45005:2020 | ISO/PAS 45005:2020 | international | ISO/PAS | - | 45005 | - | 2020 |
ISO/IEC TR 20000-11:2015 | ISO/IEC TR 20000-11:2015 | international | ISO/IEC TR | - | 20000 | 11 | 2015 | co_publishers=ISO,IEC
ISO/IEC/TR 20000-11:2015 | ISO/IEC TR 20000-11:2015 | international | ISO/IEC TR | - | 20000 | 11 | 2015 | co_publishers=ISO,IEC
ISO/IEC TS 27100:2020 | ISO/IEC TS 27100:2020 | international | ISO/IEC TS | - | 27100 | - | 2020 | co_publishers=ISO,IEC
ISO/IEC Guide 98-3:2008 | ISO/IEC Guide 98-3:2008 | international | ISO/IEC Guide | - | 98 | 3 | 2008 | co_publishers=ISO,IEC
ISO/IEC GUIDE 51:2014 | ISO/IEC Guide 51:2014 | international | ISO/IEC Guide | - | 51 | - | 2014 | co_publishers=ISO,IEC
ISO Guide 35:2017 | ISO Guide 35:2017 | international | ISO Guide | - | 35 | - | 2017 |
IEC Guide 104:2019 | IEC Guide 104:2019 | international | IEC Guide | - | 104 | - | 2019 |
IWA 14-1:2013 | IWA 14-1:2013 | international | IWA | - | 14 | 1 | 2013 |
IEC 60050-191:1990 | IEC 60050-191:1990 | international | IEC | - | 60050 | 191 | 1990 |
IEC 62443-3-3:2013 | IEC 62443-3-3:2013 | international | IEC | - | 62443 | 3-3 | 2013 |
IEC 61000-4-30:2015 | IEC 61000-4-30:2015 | international | IEC | - | 61000 | 4-30 | 2015 |
IEC TR 62443-3-1:2009 | IEC TR 62443-3-1:2009 | international | IEC TR | - | 62443 | 3-1 | 2009 |
IEC/TR 62443-3-1:2009 | IEC TR 62443-3-1:2009 | international | IEC TR | - | 62443 | 3-1 | 2009 |
IEC TS 62443-1-1:2009 | IEC TS 62443-1-1:2009 | international | IEC TS | - | 62443 | 1-1 | 2009 |
IECTS 62443-1-1:2009 | IEC TS 62443-1-1:2009 | international | IEC TS | - | 62443 | 1-1 | 2009 |
ISOTR 10013:2001 | ISO/TR 10013:2001 | international | ISO/TR | - | 10013 | - | 2001 |
IEC PAS 63088:2017 | IEC PAS 63088:2017 | international | IEC PAS | - | 63088 | - | 2017 |
IEC/ISO 31010:2019 | IEC/ISO 31010:2019 | international | IEC/ISO | - | 31010 | - | 2019 | co_publishers=IEC,ISO
IEC 61000-4 (all parts) | IEC 61000-4 (all parts) | international | IEC | - | 61000 | 4 | - | all_parts=True
ISO/DIS 1234-1 | ISO/DIS 1234-1 | international | ISO | - | 1234 | 1 | - | stage=DIS
ISO/FDIS 9001 | ISO/FDIS 9001 | international | ISO | - | 9001 | - | - | stage=FDIS
ISO/CD 1234 | ISO/CD 1234 | international | ISO | - | 1234 | - | - | stage=CD
ISO/WD 1234 | ISO/WD 1234 | international | ISO | - | 1234 | - | - | stage=WD
ISO/NP 1234 | ISO/NP 1234 | international | ISO | - | 1234 | - | - | stage=NP
ISO/AWI 1234 | ISO/AWI 1234 | international | ISO | - | 1234 | - | - | stage=AWI
ISO/PRF 1234 | ISO/PRF 1234 | international | ISO | - | 1234 | - | - | stage=PRF
ISO/IEC DIS 27001 | ISO/IEC DIS 27001 | international | ISO/IEC | - | 27001 | - | - | stage=DIS;co_publishers=ISO,IEC
ISO/IEC/DIS 27001 | ISO/IEC DIS 27001 | international | ISO/IEC | - | 27001 | - | - | stage=DIS;co_publishers=ISO,IEC
ISO/IEC FDIS 27002 | ISO/IEC FDIS 27002 | international | ISO/IEC | - | 27002 | - | - | stage=FDIS;co_publishers=ISO,IEC
ISO/DTS 1234 | ISO/DTS 1234 | international | ISO/TS | - | 1234 | - | - | stage=DTS
ISO/DTR 1234 | ISO/DTR 1234 | international | ISO/TR | - | 1234 | - | - | stage=DTR
ISO/DPAS 1234 | ISO/DPAS 1234 | international | ISO/PAS | - | 1234 | - | - | stage=DPAS
ISO/CD TS 1234 | ISO/CD TS 1234 | international | ISO/TS | - | 1234 | - | - | stage=CD
ISO/IEC DTR 1234 | ISO/IEC DTR 1234 | international | ISO/IEC TR | - | 1234 | - | - | stage=DTR;co_publishers=ISO,IEC
IEC CDV 60335-1 | IEC CDV 60335-1 | international | IEC | - | 60335 | 1 | - | stage=CDV
ISO 9001:2015/Amd 1:2024 | ISO 9001:2015/Amd 1:2024 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:2024
ISO 9001:2015/AMD 1:2024 | ISO 9001:2015/Amd 1:2024 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:2024
ISO 9001:2015/Amd.1:2024 | ISO 9001:2015/Amd 1:2024 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:2024
ISO 9001:2015 / Amd 1:2024 | ISO 9001:2015/Amd 1:2024 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:2024
ISO 9001:2015/Amd 1 | ISO 9001:2015/Amd 1 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:-
ISO 1234:2019/Cor 1:2020 | ISO 1234:2019/Cor 1:2020 | international | ISO | - | 1234 | - | 2019 | supplements=cor:1:2020
ISO 9001:2008/Cor.1:2009 | ISO 9001:2008/Cor 1:2009 | international | ISO | - | 9001 | - | 2008 | supplements=cor:1:2009
ISO 8601-1:2019/Amd 1:2022 | ISO 8601-1:2019/Amd 1:2022 | international | ISO | - | 8601 | 1 | 2019 | supplements=amd:1:2022
ISO 9001:2015/Amd 1:2024/Cor 1:2025 | ISO 9001:2015/Amd 1:2024/Cor 1:2025 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:2024,cor:1:2025
ISO/IEC 27001:2013/Cor 1:2014 | ISO/IEC 27001:2013/Cor 1:2014 | international | ISO/IEC | - | 27001 | - | 2013 | supplements=cor:1:2014;co_publishers=ISO,IEC
ISO 9001:2015/DAmd 1 | ISO 9001:2015/DAmd 1 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:-;stage=DAmd
ISO 9001:2015/DAM 1 | ISO 9001:2015/DAmd 1 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:-;stage=DAmd
ISO 9001:2015/FDAmd 2 | ISO 9001:2015/FDAmd 2 | international | ISO | - | 9001 | - | 2015 | supplements=amd:2:-;stage=FDAmd
ISO 9001:2015/CD Amd 1 | ISO 9001:2015/CD Amd 1 | international | ISO | - | 9001 | - | 2015 | supplements=amd:1:-;stage=CD
IEC 60335-1:2010/AMD1:2013 | IEC 60335-1:2010/AMD1:2013 | international | IEC | - | 60335 | 1 | 2010 | supplements=amd:1:2013
IEC 60335-1:2010/Amd 1:2013 | IEC 60335-1:2010/AMD1:2013 | international | IEC | - | 60335 | 1 | 2010 | supplements=amd:1:2013
IEC 60335-1:2010/A1:2013 | IEC 60335-1:2010/AMD1:2013 | international | IEC | - | 60335 | 1 | 2010 | supplements=amd:1:2013
IEC 60335-1:2010/AMD1:2013/AMD2:2016 | IEC 60335-1:2010/AMD1:2013/AMD2:2016 | international | IEC | - | 60335 | 1 | 2010 | supplements=amd:1:2013,amd:2:2016
IEC 60335-1:2010/COR1:2014 | IEC 60335-1:2010/COR1:2014 | international | IEC | - | 60335 | 1 | 2010 | supplements=cor:1:2014
IEC 60335-1:2010/ISH1:2014 | IEC 60335-1:2010/ISH1:2014 | international | IEC | - | 60335 | 1 | 2010 | supplements=ish:1:2014
IEC 60335-1:2020+AMD1:2023 CSV | IEC 60335-1:2020+AMD1:2023 CSV | international | IEC | - | 60335 | 1 | 2020 | supplements=csv:1:2023
IEC 60335-1:2020+AMD1:2023 | IEC 60335-1:2020+AMD1:2023 CSV | international | IEC | - | 60335 | 1 | 2020 | supplements=csv:1:2023
IEC 60335-1:2020+AMD1:2023+AMD2:2024 CSV | IEC 60335-1:2020+AMD1:2023+AMD2:2024 CSV | international | IEC | - | 60335 | 1 | 2020 | supplements=csv:1:2023,csv:2:2024
IEC 60335-1:2010+A1:2013+A2:2016 | IEC 60335-1:2010+AMD1:2013+AMD2:2016 CSV | international | IEC | - | 60335 | 1 | 2010 | supplements=csv:1:2013,csv:2:2016
IEC 60204-1:2016+AMD1:2021 CSV/COR1:2022 | IEC 60204-1:2016+AMD1:2021 CSV/COR1:2022 | international | IEC | - | 60204 | 1 | 2016 | supplements=csv:1:2021,cor:1:2022
"""

ERRORS = """
 | 0 | an identifier
。 | 0 | an identifier
hello world | 0 | a standard code
质量管理体系 | 0 | a standard code
123 | 0 | a standard code
XX/T 1234-2020 | 0 | a known industry code
AB 1234-2020 | 0 | a known industry code
ABT 1234-2020 | 0 | a known industry code
ABCD 1234-2020 | 0 | a standard code
QC/T 29xxx | 7 | the end of the identifier
GB/T X | 5 | a number after "GB/T"
GB/T | 4 | a number after "GB/T"
GB | 2 | a number after "GB"
GB/T 19001- | 11 | a year
GB/T 19001-16 | 11 | a year
GB/T 19001-2016X | 15 | the end of the identifier
GB/T 19001-2016/ | 15 | the end of the identifier
GB/T 19001-3016 | 11 | a year
GB/T 19001-201 | 11 | a year
GB/T 19001-20160 | 11 | a year
GB/T 19001 2016 | 10 | the end of the identifier
GB/T 19001.X | 11 | a part number
GB/T 19001-2016/XG | 18 | the number of the 修改单
GB/T 19001/XG1-2020 | 10 | a year before /XG
GB/T 19001-2016 (all parts) | 15 | the end of the identifier
GB/T 19001-2016 GB/T 19002-2016 | 15 | the end of the identifier
GB/T 19001-2016/ISO | 19 | a number after "ISO"
GB/T 19001-2016 IDT GB/T 1 | 20 | an ISO or IEC identifier
GB/T 19001-2016 (ISO 9001:2015, MOD) | 30 | ", IDT)"
GB/T 19001-2016 (ISO 9001:2015 | 30 | ", IDT)"
GB/T 19001-2016 (ISO 9001:2015, IDT | 35 | ")"
IECTS | 5 | a number after "IEC TS"
GJB/T 1-2000 | 3 | a number after "GJB"
GJBT 1-2000 | 3 | a number after "GJB"
NB/XY/T 1-2000 | 3 | a known industry code
JJF/T 1-2000 | 3 | a number after "JJF"
DB99/T 1-2020 | 2 | a known region code
DB9999/T 1-2020 | 2 | a known region code
DB123/T 1-2020 | 2 | a 2-digit province or 4-digit city code
DB330106/T 1-2020 | 2 | a 2-digit province or 4-digit city code
DB441989-2017 | 2 | a 2-digit province or 4-digit city code
DB15-2009 | 4 | '/' after the region code
DB11/T | 6 | a number after "DB11/T"
DBJ99/T 1-2010 | 3 | a known province code
T/ 115-2005 | 2 | an organisation code
T/CAS | 5 | a number after "T/CAS"
T/123 115 | 2 | an organisation code
Q/ | 2 | an organisation code
Q/ABC | 5 | a number after "Q/ABC"
ISO | 3 | a number after "ISO"
ISO/TR | 6 | a number after "ISO/TR"
ISO/XYZ 1 | 3 | a number after "ISO"
ISO 9001:15 | 9 | a year
ISO 9001:2015 CSV | 13 | the end of the identifier
ISO 9001:2015(XX) | 14 | a language code
ISO 9001/Amd 1 | 8 | a year before the amendment
ISO 9001:2015+AMD1:2023 | 13 | the end of the identifier
IEC 60335-1+AMD1:2023 | 11 | the end of the identifier
IEC 60335-1:2020+AMD1 | 21 | ":" and the year
IEC 60335-1:2020+COR1:2021 | 17 | AMD after "+"
ISO 9001:2015/Amd | 17 | the number of the amendment
ISO 9001:2015/DAmd 1/Cor 1 | 20 | the end of the identifier
ISO/DIS 9001:2015/Amd 1 | 17 | the end of the identifier
ISO 9001:2015 (all parts) | 13 | the end of the identifier
ISO 9001:2015/XG1 | 13 | the end of the identifier
IEC 60335-1:2010/DAmd 1 | 16 | the end of the identifier
"""


def _rows(block: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in block.strip("\n").split("\n")]


def _value(text: str):
    return None if text == "-" else text


@pytest.mark.parametrize("row", _rows(CASES), ids=lambda r: r[0])
def test_case(row: list[str]) -> None:
    text, canonical, tier, prefix, nature, number, part, year, *rest = row
    ident = parse(text)
    assert ident.canonical == canonical
    assert ident.tier is Tier(tier)
    assert ident.prefix == prefix
    assert ident.nature == (None if nature == "-" else Nature(nature))
    assert ident.number == number
    assert ident.part == _value(part)
    assert ident.year == (None if year == "-" else int(year))
    expected = {"industry_code": None, "region_code": None, "org_code": None, "stage": None}
    expected |= {"supplements": (), "co_publishers": (), "adopted": None, "all_parts": False}
    for item in filter(None, (rest[0] if rest else "").split(";")):
        key, value = item.split("=", 1)
        if key == "supplements":
            expected[key] = tuple(
                Supplement(k, n, None if y == "-" else int(y)) for k, n, y in (s.split(":") for s in value.split(","))
            )
        elif key == "co_publishers":
            expected[key] = tuple(value.split(","))
        elif key == "adopted":
            expected[key] = parse(value)
        elif key == "all_parts":
            expected[key] = value == "True"
        else:
            expected[key] = value
    for key, value in expected.items():
        assert getattr(ident, key) == value, key
    assert parse(canonical) == ident
    assert format(ident) == canonical == str(ident)


@pytest.mark.parametrize("row", _rows(ERRORS), ids=lambda r: r[0] or "empty")
def test_error(row: list[str]) -> None:
    text, position, expected = row
    with pytest.raises(ValueError) as info:
        parse(text)
    error = info.value
    assert error.position == int(position), str(error)
    assert error.expected.startswith(expected), str(error)
    assert str(error).startswith(f"at position {position}: ")


def test_surrounding_space_and_punctuation_are_ignored() -> None:
    for text in ("  GB/T 19001-2016  ", "\tGB/T 19001-2016\n", "GB/T 19001-2016 ;", "\u3000GB/T 19001-2016。"):
        assert parse(text).canonical == "GB/T 19001-2016"


@pytest.mark.parametrize("text, code, position, found, params", [
    ("", "empty", 0, None, {}),
    ("GB/T 19001-2016 X", "trailing_text", 15, " ", {}),
    ("GB/T 19001-20", "year", 11, "20", {}),
    ("XX/T 1234-2020", "unknown_industry_code", 0, "XX", {"industry_code": "XX"}),
    ("GB/T X", "number", 5, "X", {"prefix": "GB/T"}),
    ("ISO X", "number", 4, "X", {"prefix": "ISO"}),
    ("DB99/T 1-2020", "unknown_region_code", 2, "99", {"region_code": "99"}),
    ("GB/T 1.-2020", "part_number", 7, "-", {}),
    ("GB 2762/XG1-2021", "xg_undated", 7, "/", {}),
    ("ISO 9001/Amd 1:2020", "amendment_undated", 8, "/", {}),
    ("GB/T 1-2020 (ISO 1:2015, MOD)", "adoption_not_idt", 23, ",", {}),
    ("ISO/DIS 9001:2015/Amd 1", "stage_with_amendment", 17, "/", {}),
])
def test_errors_carry_a_stable_code_and_their_parameters(text, code, position, found, params) -> None:
    with pytest.raises(IdentifierError) as info:
        parse(text)
    error = info.value
    assert (error.code, error.position, error.found, error.params) == (code, position, found, params), str(error)
    assert code in ERROR_CODES
    assert error.as_dict()["code"] == code


def test_errors_survive_pickling_with_their_code() -> None:
    import pickle

    with pytest.raises(IdentifierError) as info:
        parse("XX/T 1")
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.code, again.params, str(again)) == ("unknown_industry_code", {"industry_code": "XX"}, str(info.value))


def test_error_message_names_position_expected_and_found() -> None:
    with pytest.raises(ValueError, match=r'^at position 5: expected a number after "GB/T", found "X"$'):
        parse("GB/T X")
    with pytest.raises(ValueError, match=r"^at position 0: unknown industry code 'XX'$"):
        parse("XX/T 1234-2020")
    with pytest.raises(ValueError, match=r"found end of input$"):
        parse("GB/T")


def _codes(name: str, level: str | None = None) -> list[str]:
    with open(DATA / name, encoding="utf-8") as handle:
        return [r["code"] for r in csv.DictReader(handle) if level is None or r["level"] == level]


@pytest.mark.parametrize("code", _codes("industry_codes.csv"))
def test_every_industry_code(code: str) -> None:
    for suffix, nature in (("", Nature.MANDATORY), ("/T", Nature.RECOMMENDED), ("/Z", Nature.GUIDANCE)):
        glued = f"{code.lower()}{suffix.lower()}1234.2—2019"  # "DB1234" would be a local code
        for text in (f"{code}{suffix} 1234.2-2019", glued if code != "DB" or suffix else "DB 1234.2—2019"):
            ident = parse(text)
            assert (ident.tier, ident.industry_code, ident.nature) == (Tier.INDUSTRY, code, nature), text
            assert ident.canonical == f"{code}{suffix} 1234.2-2019"


@pytest.mark.parametrize("code", _codes("engineering_codes.csv"))
def test_every_engineering_code(code: str) -> None:
    ident = parse(f"{code}/T 123-2019")
    assert (ident.tier, ident.industry_code, ident.nature, ident.prefix) == (
        Tier.INDUSTRY, code, Nature.RECOMMENDED, f"{code}/T",
    )  # fmt: skip


def test_every_province_and_city_code() -> None:
    provinces, cities = _codes("region_codes.csv", "province"), _codes("region_codes.csv", "city")
    assert len(provinces) == 34 and {"3301", "4403", "1101"} & set(cities) == {"3301", "4403"}
    assert set(provinces) == set(_codes("province_codes.csv"))
    for region in provinces + cities:
        assert parse(f"DB{region}/T 1-2020").region_code == region
        assert parse(f"DB{region}/1-2020").canonical == f"DB{region}/1-2020"
    assert default_tables().city_codes == frozenset(cities)
