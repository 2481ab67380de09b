'use strict';
// The console's words in English and Simplified Chinese. Chinese is chosen when the browser asks
// for it first; the button in the bar switches, and the choice is kept in this browser.

const TEXTS = {
  en: {
    'nav.overview': 'Overview', 'nav.campaigns': 'Campaigns', 'nav.races': 'Races', 'nav.venues': 'Venues',
    'nav.api': 'API reference', signOut: 'Sign out', licence: 'uPlot licence (MIT)', language: '中文',
    'signIn.title': 'Sign in to the Startline console',
    'signIn.help': 'Paste an admin token (the demo prints one; java -jar startline.jar token --role admin mints one). It is kept for this tab only.',
    'signIn.token': 'Admin token', 'signIn.button': 'Sign in', 'signIn.notAdmin': 'This token is not an admin token.',
    'signIn.expired': 'The token is no longer valid: sign in again.',
    'overview.title': 'Overview', 'overview.drops': 'Voucher drops', 'overview.races': 'Races', 'overview.venues': 'Venues today',
    'overview.health': 'Node', 'overview.role': 'Role', 'overview.sequence': 'Sequence', 'overview.claimsP99': 'Claims p99 (last second)',
    none: 'Nothing yet', campaign: 'Campaign', drop: 'Drop', tier: 'Tier', status: 'Status', claimed: 'Claimed',
    claimsPerSecond: 'Claims/s', stockLeft: 'Stock left', quantity: 'Quantity', race: 'Race', registration: 'Registration',
    venue: 'Venue', date: 'Date', occupancy: 'Occupancy', id: 'Id', name: 'Name', budget: 'Budget (¥)', budgetLeft: 'Budget left (¥)',
    drops: 'Drops', validUntil: 'Valid until', 'campaigns.title': 'Voucher campaigns', 'campaigns.create': 'Create a campaign',
    budgetFen: 'Budget (fen)', validDaysAfterClaim: 'Valid days after claim', perUserLimit: 'Per person',
    tiers: 'Tiers: code, face value (fen), threshold (fen), one per line', storeIds: 'Store ids (comma-separated)', create: 'Create',
    'drops.create': 'Release a drop', startsAt: 'Starts', endsAt: 'Ends (optional)', closesAt: 'Closes',
    faceValue: 'Face value (¥)', redeemed: 'Redeemed', redemptionRate: 'Redemption rate', subsidyPaid: 'Subsidy paid (¥)',
    consumerSpend: 'Consumer spend (¥)', leverage: 'Leverage', overTime: 'Over time (a point a minute, 24 h)',
    byDrop: 'By drop', byTier: 'By tier', byStore: 'By store', store: 'Store', issued: 'Issued',
    settlement: 'Download the settlement (CSV)', 'series.empty': 'No points yet: the node keeps one a minute.',
    'chart.counts': 'Claimed and redeemed', 'chart.money': 'Subsidy paid and consumer spend (¥)',
    'dropStatus.SCHEDULED': 'Scheduled', 'dropStatus.OPEN': 'Open', 'dropStatus.ENDED': 'Ended', 'dropStatus.CANCELLED': 'Cancelled', actions: '',
    'drops.cancel': 'Cancel', 'drops.cancelConfirm': 'Cancel this drop? Its reserved value returns to the budget left.', opensIn: 'opens in', closesIn: 'closes in',
    'races.title': 'Races', 'races.create': 'Create a race', raceDate: 'Race day', mode: 'Mode',
    'races.createHelp': 'The race as the API takes it (see the API reference); times in milliseconds since 1970.',
    registrationOpensAt: 'Registration opens', registrationClosesAt: 'Registration closes', drawn: 'Drawn',
    'race.drawn': 'Drawn', 'race.closed': 'Closed', 'race.open': 'Open', 'race.notOpen': 'Not open yet',
    category: 'Category', capacity: 'Capacity', ballot: 'Ballot', 'ballot.entries': 'Entries', 'ballot.state': 'State',
    'ballot.hash': 'Entry-list hash (publish it before the draw)', seed: 'Seed (hex)', draw: 'Run the draw',
    closeWaitlist: 'Close the waitlist', entitlements: 'Entitlements',
    'entitlements.help': 'A CSV or text file of national ID numbers, one per line, up to the node\'s persons per grant (10,000 by default); with a pool, a weight, or both.',
    'entitlements.file': 'Person ids (CSV)', 'entitlements.done': 'Persons granted:', pool: 'Pool', weight: 'Ballot weight', upload: 'Upload',
    'entry.APPLIED': 'Applied', 'entry.WON': 'Won', 'entry.CONFIRMED': 'Confirmed', 'entry.WAITLISTED': 'Waitlisted',
    'entry.LAPSED': 'Lapsed', 'entry.WITHDRAWN': 'Withdrawn', 'entry.NOT_SELECTED': 'Not selected',
    'venues.title': 'Venues', 'venues.create': 'Create a venue', resources: 'Resources', slotMinutes: 'Slot (min)', price: 'Price (¥)',
    releaseDaysAhead: 'Released days ahead',
    'slot.FREE': 'Free', 'slot.HELD': 'Held', 'slot.BOOKED': 'Booked', 'slot.NOT_RELEASED': 'Not released', 'slot.PAST': 'Past',
    'slot.CHECKED_IN': 'Checked in', 'slot.NO_SHOW': 'No-show',
  },
  'zh-CN': {
    'nav.overview': '总览', 'nav.campaigns': '消费券活动', 'nav.races': '赛事', 'nav.venues': '场馆', 'nav.api': '接口文档',
    signOut: '退出', licence: 'uPlot 许可证 (MIT)', language: 'English',
    'signIn.title': '登录 Startline 管理后台',
    'signIn.help': '粘贴管理员令牌（演示模式会打印一个；java -jar startline.jar token --role admin 可生成）。令牌只保存在当前标签页。',
    'signIn.token': '管理员令牌', 'signIn.button': '登录', 'signIn.notAdmin': '此令牌不是管理员令牌。',
    'signIn.expired': '令牌已失效，请重新登录。',
    'overview.title': '数据看板', 'overview.drops': '消费券投放', 'overview.races': '赛事报名', 'overview.venues': '今日场馆',
    'overview.health': '节点', 'overview.role': '角色', 'overview.sequence': '序号', 'overview.claimsP99': '领券 p99（最近一秒）',
    none: '暂无', campaign: '活动', drop: '批次', tier: '券种', status: '状态', claimed: '已领取', claimsPerSecond: '领取/秒',
    stockLeft: '剩余库存', quantity: '数量', race: '赛事', registration: '报名', venue: '场馆', date: '日期', occupancy: '占用率',
    id: '编号', name: '名称', budget: '预算（元）', budgetLeft: '剩余预算（元）', drops: '投放批次', validUntil: '有效期至',
    'campaigns.title': '消费券活动', 'campaigns.create': '创建活动', budgetFen: '预算（分）', validDaysAfterClaim: '领取后有效天数',
    perUserLimit: '每人限领', tiers: '券种：代码, 面额（分）, 使用门槛（分），每行一个', storeIds: '门店编号（逗号分隔）', create: '创建',
    'drops.create': '新建投放', startsAt: '开始', endsAt: '结束（可选）', closesAt: '截止', faceValue: '面额（元）',
    redeemed: '已核销', redemptionRate: '核销率', subsidyPaid: '补贴支出（元）', consumerSpend: '带动消费（元）', leverage: '杠杆率',
    overTime: '趋势（每分钟一点，24 小时）', byDrop: '按批次', byTier: '按券种', byStore: '按门店', store: '门店', issued: '发放',
    settlement: '下载结算单（CSV）', 'series.empty': '暂无数据：节点每分钟记录一点。',
    'chart.counts': '领取与核销', 'chart.money': '补贴支出与带动消费（元）',
    'dropStatus.SCHEDULED': '未开始', 'dropStatus.OPEN': '进行中', 'dropStatus.ENDED': '已结束', 'dropStatus.CANCELLED': '已取消', actions: '',
    'drops.cancel': '取消', 'drops.cancelConfirm': '取消此批次？预留金额将退回剩余预算。', opensIn: '距开始', closesIn: '距结束',
    'races.title': '赛事', 'races.create': '创建赛事', raceDate: '比赛日', mode: '方式',
    'races.createHelp': '按接口格式填写赛事（见接口文档）；时间为 1970 年起的毫秒数。',
    registrationOpensAt: '报名开始', registrationClosesAt: '报名截止', drawn: '已抽签',
    'race.drawn': '已抽签', 'race.closed': '报名已截止', 'race.open': '报名中', 'race.notOpen': '未开始',
    category: '组别', capacity: '名额', ballot: '抽签', 'ballot.entries': '报名数', 'ballot.state': '状态',
    'ballot.hash': '报名名单哈希（抽签前公布）', seed: '随机种子（十六进制）', draw: '执行抽签', closeWaitlist: '关闭候补',
    entitlements: '名额资格', 'entitlements.help': '身份证号 CSV 或文本文件，每行一个，最多为节点每次授予上限（默认 10,000）；填写名额池、权重或两者。',
    'entitlements.file': '身份证号（CSV）', 'entitlements.done': '已授予人数：', pool: '名额池', weight: '抽签权重', upload: '上传',
    'entry.APPLIED': '已报名', 'entry.WON': '中签', 'entry.CONFIRMED': '已确认', 'entry.WAITLISTED': '候补',
    'entry.LAPSED': '逾期', 'entry.WITHDRAWN': '已退出', 'entry.NOT_SELECTED': '未中签',
    'venues.title': '场馆', 'venues.create': '创建场馆', resources: '场地数', slotMinutes: '时段（分钟）', price: '价格（元）',
    releaseDaysAhead: '提前放号天数',
    'slot.FREE': '空闲', 'slot.HELD': '锁定中', 'slot.BOOKED': '已预订', 'slot.NOT_RELEASED': '未放号', 'slot.PAST': '已过',
    'slot.CHECKED_IN': '已签到', 'slot.NO_SHOW': '爽约',
  },
};

const LANGUAGE_KEY = 'startline.language';

function lang() {
  const chosen = localStorage.getItem(LANGUAGE_KEY);
  if (chosen && TEXTS[chosen]) return chosen;
  return (navigator.languages || [navigator.language]).find(l => /^(en|zh)/i.test(l))?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function t(key) {
  return TEXTS[lang()][key] ?? TEXTS.en[key] ?? key;
}

function toggleLanguage() {
  localStorage.setItem(LANGUAGE_KEY, lang() === 'en' ? 'zh-CN' : 'en');
}

/** The words written into index.html itself. */
function translateStatic() {
  document.documentElement.lang = lang();
  document.querySelectorAll('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
  document.getElementById('language').textContent = t('language');
}
