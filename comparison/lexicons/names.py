"""Chinese surnames: read where the name recogniser cuts a person's name after a title.

Source: the surnames of 《百家姓》 that the Ministry of Public Security's 2020 ranking of
household-registration surnames lists among the commonest, with the commonest surnames of Hong
Kong and Taiwan (Cantonese and Hokkien romanisations aside: 邝, 冼, 岑, 区); the compound surnames of
《百家姓》 still in use. Left out: surnames that are as often a function word or a common word
standing between a title and a name (和, 向, 于, 将, 同, 由, 时, 应, 全, 成, 常, 明, 解, 万, 单, 安, 商, 路,
车, 师, 司, 党, 边, 连, 包, 宁, 尚, 管, 查, 关, 申: 会见总统时李明说 is no 时李明).
"""

from __future__ import annotations

SURNAMES_ZH = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武"
    "戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞左柳祝符舒阮柯纪梅童凌毕季裴"
    "霍涂苗谷盛翁冉骆蓝游辛靳柴蒙鲍喻祁蒲房滕屈饶牟艾尤穆卓缪简项麦褚娄窦戚岑景宫费卜冷晏席卫"
    "佟臧闵苟邬卞姬仇栾隋刁巫寇桑郎甄丛仲虞敖巩佘邝冼区"
)
# Compound surnames (欧阳玉靖, 司马南): the two characters are one surname.
COMPOUND_SURNAMES_ZH = ("欧阳", "司马", "上官", "诸葛", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
                        "宇文", "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "澹台", "申屠", "轩辕", "钟离",
                        "闻人", "呼延", "百里", "万俟", "司空", "赫连", "拓跋", "公羊", "濮阳")
