// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
/**
 * Writes examples/templates.csv, the file `promptmill demo` imports (shipped in the CLI's
 * package). Run it after changing the families below: `pnpm --filter promptmill exec tsx
 * examples/generate-templates.ts`. The CSV is committed, so the demo never needs this script.
 *
 * Contents use `{{name}}` for a placeholder so that JavaScript template literals stay usable here;
 * the generator turns each into the template language's `${name}`.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface TemplateRow {
  name: string;
  content: string;
  /** Written as given; a valid row declares exactly the placeholders its content uses. */
  variables?: string[];
  samples?: Record<string, string>;
}

interface Family<Variant> {
  variants: readonly Variant[];
  name: (variant: Variant) => string;
  content: (variant: Variant) => string;
  samples?: (variant: Variant) => Record<string, string> | undefined;
}

const MARKER = /\{\{([\p{L}\p{M}\p{Nd}_]+)\}\}/gu;

function placeholders(content: string): string[] {
  return [...new Set([...content.matchAll(MARKER)].map((match) => match[1] ?? ""))];
}

function expand<Variant>(family: Family<Variant>): TemplateRow[] {
  return family.variants.map((variant) => {
    const source = family.content(variant);
    const row: TemplateRow = {
      name: family.name(variant),
      content: source.replace(MARKER, (_match, name: string) => `\${${name}}`),
      variables: placeholders(source),
    };
    const samples = family.samples?.(variant);
    if (samples !== undefined) row.samples = samples;
    return row;
  });
}

const ecommerceTitles = expand({
  variants: [
    { category: "女装", focus: "面料、版型、适用场合", example: "法式碎花连衣裙" },
    { category: "男装", focus: "面料、剪裁、季节", example: "商务免烫衬衫" },
    { category: "数码", focus: "核心参数、续航、兼容性", example: "蓝牙降噪耳机" },
    { category: "美妆", focus: "功效、肤质、成分", example: "烟酰胺美白精华" },
    { category: "家居", focus: "材质、尺寸、风格", example: "北欧实木餐桌" },
    { category: "食品", focus: "产地、口味、规格", example: "云南小粒咖啡豆" },
    { category: "母婴", focus: "安全认证、适用月龄、材质", example: "婴儿恒温奶瓶" },
    { category: "运动户外", focus: "功能、场景、材质", example: "轻量防水登山鞋" },
    { category: "宠物用品", focus: "适用宠物、成分、规格", example: "无谷冻干猫粮" },
  ],
  name: (v) => `电商标题-${v.category}`,
  content: (v) =>
    `你是资深的${v.category}类目电商运营。请为商品「{{product}}」写 5 个淘宝/京东搜索标题。
要求：
1. 每个标题不超过 30 个汉字，突出${v.focus}；
2. 自然融入核心关键词：{{keywords}}；
3. 不使用“最”“第一”等极限词，不堆砌符号；
4. 面向人群：{{audience}}。
只输出标题列表，每行一个。`,
  samples: (v) =>
    v.category === "数码" || v.category === "食品"
      ? {
          product: v.example,
          keywords: v.category === "数码" ? "主动降噪 长续航 蓝牙5.3" : "中度烘焙 手冲 新鲜烘焙",
          audience: v.category === "数码" ? "通勤上班族" : "精品咖啡爱好者",
        }
      : undefined,
});

const xiaohongshu = expand({
  variants: [
    { topic: "美食探店", emoji: "🍜", angle: "环境、招牌菜、人均价格和排队情况" },
    { topic: "城市旅行", emoji: "✈️", angle: "路线、交通、必去景点和避坑提醒" },
    { topic: "护肤心得", emoji: "🧴", angle: "肤质、使用周期、前后对比和注意事项" },
    { topic: "日常穿搭", emoji: "👗", angle: "身高体重、单品搭配和适合场合" },
    { topic: "家居好物", emoji: "🏠", angle: "使用场景、价格、优缺点" },
    { topic: "健身打卡", emoji: "💪", angle: "训练计划、饮食、坚持的方法" },
    { topic: "读书分享", emoji: "📚", angle: "书的核心观点、金句和适合谁读" },
    { topic: "职场成长", emoji: "💼", angle: "真实经历、可复制的方法和反思" },
  ],
  name: (v) => `小红书文案-${v.topic}`,
  content: (v) =>
    `请以小红书博主的口吻，写一篇关于「{{theme}}」的${v.topic}笔记。
- 标题：20 字以内，带 1-2 个 emoji（如 ${v.emoji}），有吸引力但不夸张；
- 正文：300 字左右，分段清晰，讲清${v.angle}；
- 语气：{{tone}}，像和朋友聊天；
- 结尾：加 5 个相关话题标签，格式 #话题#。`,
  samples: (v) =>
    v.topic === "美食探店"
      ? { theme: "杭州湖滨的一家宝藏本帮菜馆", tone: "轻松活泼" }
      : v.topic === "读书分享"
        ? { theme: "《置身事内》", tone: "真诚走心" }
        : undefined,
});

const weeklyReports = expand({
  variants: [
    { role: "前端工程师", items: "需求开发、线上问题、性能优化、代码评审" },
    { role: "后端工程师", items: "接口开发、稳定性、数据库变更、告警处理" },
    { role: "产品经理", items: "需求评审、数据复盘、版本规划、用户反馈" },
    { role: "销售", items: "客户拜访、商机推进、签约回款、下周目标" },
    { role: "新媒体运营", items: "内容发布、涨粉数据、爆款分析、活动策划" },
    { role: "数据分析师", items: "报表交付、专题分析、指标口径、数据质量" },
    { role: "UI 设计师", items: "设计稿交付、设计评审、组件库、走查问题" },
    { role: "HR", items: "招聘进展、入离职、培训、员工关系" },
  ],
  name: (v) => `周报-${v.role.replace(/\s+/g, "")}`,
  content: (v) =>
    `你是一名${v.role}，请根据下面的工作记录，整理一份结构清晰的周报。
本周工作记录：
{{notes}}

周报结构：
一、本周完成（按${v.items}归类，每条写清结果和数据）
二、问题与风险（写明影响和需要的支持）
三、下周计划（3-5 条，可衡量）
汇报对象是{{manager}}，语言简洁专业，不超过 500 字。`,
  samples: (v) =>
    v.role === "前端工程师"
      ? {
          notes: "完成商品详情页改版；修复 iOS 白屏问题；首屏时间从 2.1s 降到 1.4s；评审 6 个 MR",
          manager: "前端组长",
        }
      : undefined,
});

const dailyReports = expand({
  variants: ["研发", "测试", "客服", "市场", "财务"],
  name: (team) => `日报-${team}`,
  content: (team) =>
    `请把下面的零散记录整理成${team}岗位的工作日报（今日完成 / 遇到的问题 / 明日计划三部分，每部分不超过 5 条）：
{{records}}
日期：{{date}}`,
});

const customerService = expand({
  variants: [
    { industry: "电商", policy: "7 天无理由退货、48 小时内发货" },
    { industry: "银行", policy: "不得索要密码和验证码，涉及资金须引导至官方渠道" },
    { industry: "航空", policy: "改签退票以票规为准，航班延误按民航规定处理" },
    { industry: "电信运营商", policy: "套餐变更次月生效，携号转网需满足条件" },
    { industry: "SaaS 软件", policy: "按服务等级协议（SLA）响应，故障升级至值班工程师" },
    { industry: "酒店", policy: "入住前 24 小时可免费取消，特价房不退不改" },
    { industry: "物流快递", policy: "破损需在签收时拍照，理赔按保价金额" },
    { industry: "在线教育", policy: "开课 7 天内可申请退款，已学课时按比例扣除" },
  ],
  name: (v) => `客服回复-${v.industry.replace(/\s+/g, "")}`,
  content: (v) =>
    `你是${v.industry}行业的在线客服，名字叫{{agent_name}}。请回复下面这位客户的消息。
客户消息：{{message}}
客户等级：{{customer_level}}

回复要求：
1. 先共情，再给出明确的处理方案和时间；
2. 遵守公司政策：${v.policy}；
3. 不承诺政策以外的补偿，不确定时说明会转交专人跟进；
4. 语气礼貌、简洁，不超过 150 字。`,
  samples: (v) =>
    v.industry === "电商"
      ? {
          agent_name: "小蜜",
          message: "我买的羽绒服三天了还没发货，你们到底什么时候发？",
          customer_level: "金牌会员",
        }
      : undefined,
});

const englishSupport = expand({
  variants: [
    { product: "a project-management SaaS", channel: "email" },
    { product: "a consumer smart-home app", channel: "live chat" },
    { product: "an online bank", channel: "in-app chat" },
    { product: "a food-delivery platform", channel: "live chat" },
    { product: "a cloud hosting provider", channel: "support ticket" },
    { product: "a fitness subscription", channel: "email" },
  ],
  name: (v) => `Support reply - ${v.product.replace(/^an? /, "")} (${v.channel})`,
  content: (v) =>
    `You are a senior support agent for ${v.product}, answering by ${v.channel}.
Customer name: {{customer_name}}
Their message:
"""
{{message}}
"""
Write a reply that acknowledges the problem in one sentence, gives concrete next steps (numbered),
states when they will hear back, and ends with a friendly sign-off from {{agent_name}}.
Never ask for passwords or full card numbers. Keep it under 160 words.`,
  samples: (v) =>
    v.channel === "support ticket"
      ? {
          customer_name: "Maria",
          message:
            "Our production database has been read-only since 09:10 UTC and checkout is down.",
          agent_name: "Sam from the on-call team",
        }
      : undefined,
});

const codeReview = expand({
  variants: [
    {
      language: "TypeScript",
      checks: "type safety (no implicit any, exhaustive switches), async error handling",
    },
    {
      language: "Python",
      checks: "type hints, exception handling, PEP 8, mutable default arguments",
    },
    {
      language: "Go",
      checks: "error wrapping, goroutine leaks, context cancellation, defer in loops",
    },
    {
      language: "Java",
      checks: "null safety, resource handling (try-with-resources), thread safety",
    },
    {
      language: "Rust",
      checks: "ownership and lifetimes, unwrap/expect in library code, unsafe blocks",
    },
    { language: "SQL", checks: "index usage, N+1 queries, injection risks, locking behaviour" },
    { language: "C++", checks: "memory safety, RAII, undefined behaviour, copies in hot paths" },
    { language: "Kotlin", checks: "null safety, coroutine scopes, data class misuse" },
  ],
  name: (v) => `Code review - ${v.language}`,
  content: (v) =>
    `You are a meticulous senior ${v.language} engineer doing a code review.
Context of the change: {{change_summary}}

\`\`\`
{{diff}}
\`\`\`

Review it for correctness first, then ${v.checks}, readability and tests.
For each finding give: severity (blocker / major / minor / nit), the line, the problem, and a concrete fix.
Finish with an overall verdict: approve, approve with comments, or request changes.`,
  samples: (v) =>
    v.language === "TypeScript"
      ? {
          change_summary: "Add retry to the payment webhook handler",
          diff: "+ for (let i = 0; i < 3; i++) { await handle(event) }",
        }
      : undefined,
});

const codeReviewZh = expand({
  variants: ["Java", "Python", "前端 Vue", "Go", "小程序"],
  name: (stack) => `代码评审-${stack.replace(/\s+/g, "")}`,
  content: (stack) =>
    `你是一名经验丰富的${stack}技术专家，请对以下代码进行评审。
业务背景：{{background}}
代码：
{{code}}

请从以下角度给出意见，每条标注严重程度（严重 / 一般 / 建议）：
1. 逻辑正确性和边界条件；
2. 安全性（注入、越权、敏感信息）；
3. 性能和资源使用；
4. 可读性、命名和注释；
5. 缺少的测试用例。
最后给出是否可以合并的结论。`,
});

const summarisation = expand({
  variants: [
    {
      kind: "meeting transcript",
      shape: "decisions, action items (owner + due date) and open questions",
    },
    {
      kind: "research paper",
      shape: "the problem, the method, the key results with numbers, and limitations",
    },
    { kind: "news article", shape: "who, what, when, where, why, in a neutral tone" },
    {
      kind: "legal contract",
      shape: "parties, obligations, payment terms, termination clauses and unusual risks",
    },
    {
      kind: "batch of customer reviews",
      shape: "top praised points, top complaints with rough frequency, and suggested fixes",
    },
    {
      kind: "support ticket thread",
      shape: "the customer's problem, what was tried, current status and next step",
    },
    {
      kind: "earnings call transcript",
      shape: "revenue, margins, guidance, and notable analyst questions",
    },
    {
      kind: "product requirements document",
      shape: "goal, scope, non-goals, milestones and open risks",
    },
  ],
  name: (v) => `Summarize - ${v.kind}`,
  content: (v) =>
    `Summarize the following ${v.kind} for {{audience}}.
Cover ${v.shape}.
Use at most {{max_words}} words, bullet points where they help, and do not invent facts that are not in the text.

Text:
{{text}}`,
  samples: (v) =>
    v.kind === "news article"
      ? {
          audience: "busy executives",
          max_words: "120",
          text: "The city council approved a new bike-lane network on Tuesday after a six-month consultation...",
        }
      : undefined,
});

const summarisationZh = expand({
  variants: [
    { kind: "会议纪要", shape: "会议结论、待办事项（负责人和截止时间）、遗留问题" },
    { kind: "行业研报", shape: "核心观点、关键数据、风险提示" },
    { kind: "用户访谈记录", shape: "用户画像、主要痛点、需求优先级" },
    { kind: "政策文件", shape: "适用对象、主要条款、执行时间、对企业的影响" },
    { kind: "长篇公众号文章", shape: "中心论点、论据和可落地的建议" },
    { kind: "客服工单", shape: "问题描述、处理过程、当前状态、下一步" },
  ],
  name: (v) => `摘要-${v.kind}`,
  content: (v) =>
    `请阅读以下${v.kind}，用不超过 {{word_limit}} 字进行总结，需包含：${v.shape}。
不要添加原文中没有的信息。

原文：
{{content}}`,
});

const translation = expand({
  variants: [
    { from: "中文", to: "英文", style: "地道自然的美式英语" },
    { from: "英文", to: "中文", style: "符合中文表达习惯的简体中文" },
    { from: "中文", to: "日文", style: "礼貌得体的日语（です・ます体）" },
    { from: "中文", to: "韩文", style: "自然的韩语敬语" },
    { from: "英文", to: "德文", style: "正式的德语" },
    { from: "中文", to: "法文", style: "自然的法语" },
    { from: "英文", to: "西班牙文", style: "拉丁美洲西班牙语" },
    { from: "中文", to: "繁体中文（台湾）", style: "台湾常用词汇和标点" },
  ],
  name: (v) => `翻译-${v.from}到${v.to.replace(/（.*）/, "")}`,
  content: (v) =>
    `请把下面的${v.from}内容翻译成${v.to}，要求使用${v.style}。
领域：{{domain}}
术语表（必须遵守）：{{glossary}}
保留原文的格式、数字、代码和专有名词；不要解释，只输出译文。

原文：
{{source_text}}`,
  samples: (v) =>
    v.from === "中文" && v.to === "英文"
      ? {
          domain: "跨境电商",
          glossary: "包邮=free shipping；满减=spend-and-save",
          source_text: "全场包邮，满 299 减 50，活动截止到本周日。",
        }
      : undefined,
});

const translationEn = expand({
  variants: [
    "marketing copy",
    "UI strings",
    "legal notices",
    "technical documentation",
    "subtitles",
  ],
  name: (kind) => `Translate - ${kind}`,
  content: (kind) =>
    `Translate the following ${kind} from {{source_language}} into {{target_language}}.
Keep placeholders such as %s, {0} and HTML tags unchanged, keep the meaning and the register,
and flag anything ambiguous in a short note after the translation.

{{text}}`,
});

const marketingEn = expand({
  variants: [
    {
      channel: "welcome email",
      limit: "subject line under 50 characters and a body under 150 words",
    },
    {
      channel: "landing page hero",
      limit: "a headline under 10 words, a subheadline and one call to action",
    },
    { channel: "push notification", limit: "under 90 characters, one emoji at most" },
    { channel: "SMS promotion", limit: "under 160 characters including the opt-out text" },
    {
      channel: "LinkedIn post",
      limit: "about 120 words, a hook in the first line, three hashtags",
    },
    {
      channel: "Google search ad",
      limit: "three headlines of 30 characters and two descriptions of 90",
    },
    { channel: "product launch tweet thread", limit: "five tweets, each under 260 characters" },
    {
      channel: "abandoned-cart email",
      limit: "a subject line, a short reminder and a gentle incentive",
    },
  ],
  name: (v) => `Marketing copy - ${v.channel}`,
  content: (v) =>
    `Write a ${v.channel} for {{product}}, aimed at {{audience}}.
Key benefit to lead with: {{benefit}}.
Tone: {{tone}}.
Format: ${v.limit}.
Avoid superlatives we cannot prove and do not mention competitors by name.`,
  samples: (v) =>
    v.channel === "push notification"
      ? {
          product: "Lumen, a sleep-tracking ring",
          audience: "new parents",
          benefit: "see how much deep sleep you actually get",
          tone: "warm and reassuring",
        }
      : undefined,
});

const marketingZh = expand({
  variants: [
    { channel: "微信公众号推文", format: "标题 + 800 字正文 + 引导关注" },
    { channel: "朋友圈文案", format: "100 字以内，3 行以内，带 1 个 emoji" },
    { channel: "抖音短视频脚本", format: "30 秒分镜脚本：画面 / 台词 / 字幕 / 时长" },
    { channel: "直播带货话术", format: "开场、卖点讲解、逼单、福利四段，每段 3 句" },
    { channel: "短信营销", format: "70 字以内，含退订提示" },
    { channel: "品牌 Slogan", format: "10 个候选，每个不超过 12 字" },
    { channel: "海报文案", format: "主标题、副标题、3 个卖点短句" },
    { channel: "微博话题文案", format: "140 字以内，带话题和互动问题" },
  ],
  name: (v) => `营销文案-${v.channel.replace(/\s+/g, "")}`,
  content: (v) =>
    `你是一名资深文案策划，请为「{{brand}}」的「{{product}}」写${v.channel}。
目标人群：{{audience}}
核心卖点：{{selling_points}}
输出格式：${v.format}。
遵守《广告法》，不使用绝对化用语。`,
  samples: (v) =>
    v.channel === "朋友圈文案"
      ? {
          brand: "山野茶事",
          product: "明前龙井礼盒",
          audience: "送礼的职场人",
          selling_points: "核心产区、当季新茶、礼盒可定制贺卡",
        }
      : undefined,
});

const productDescriptions = expand({
  variants: [
    { market: "Amazon US", style: "five benefit-led bullet points and a 150-word description" },
    {
      market: "Shopify store",
      style: "a story-driven 200-word description with a short spec table",
    },
    { market: "Etsy", style: "a warm, handmade-feeling description with care instructions" },
    { market: "Lazada", style: "short bullet points in simple English for mobile shoppers" },
    { market: "AliExpress", style: "clear specs, package contents and shipping notes" },
  ],
  name: (v) => `Product description - ${v.market}`,
  content: (v) =>
    `Write a product listing for ${v.market}.
Product: {{product_name}}
Specs: {{specs}}
Ideal customer: {{customer}}
Write ${v.style}. Use only the facts given; do not make health or safety claims.`,
});

const seo = expand({
  variants: [
    "blog post",
    "product page",
    "category page",
    "local business page",
    "documentation page",
  ],
  name: (kind) => `SEO meta - ${kind}`,
  content: (kind) =>
    `Write an SEO title (max 60 characters) and a meta description (max 155 characters) for a ${kind}.
Primary keyword: {{keyword}}
Page summary: {{summary}}
Put the keyword near the start of the title, write for humans first, and end the description with a call to action.`,
});

const jobDescriptions = expand({
  variants: [
    "前端开发工程师",
    "Java 后端工程师",
    "数据分析师",
    "新媒体运营",
    "产品经理",
    "销售经理",
    "算法工程师",
  ],
  name: (role) => `招聘JD-${role.replace(/\s+/g, "")}`,
  content: (role) =>
    `请为{{company}}撰写一份「${role}」的招聘 JD。
工作地点：{{city}}；经验要求：{{years}} 年；薪资范围：{{salary}}。
结构：岗位职责（5 条）/ 任职要求（5 条）/ 加分项（3 条）/ 我们提供。
语言真诚具体，避免性别、年龄等歧视性表述。`,
});

const interviewQuestions = expand({
  variants: [
    "frontend engineer",
    "backend engineer",
    "data scientist",
    "product manager",
    "engineering manager",
    "site reliability engineer",
  ],
  name: (role) => `Interview questions - ${role}`,
  content: (role) =>
    `Create an interview plan for a {{level}} ${role}.
Focus areas: {{focus_areas}}.
Give 8 questions: for each, what a strong answer contains, a follow-up question, and a red flag.
Include one practical exercise that fits in 30 minutes.`,
});

const sqlGeneration = expand({
  variants: ["MySQL 8", "PostgreSQL 15", "SQLite", "ClickHouse", "Hive SQL", "MaxCompute SQL"],
  name: (dialect) => `Text to SQL - ${dialect}`,
  content: (dialect) =>
    `You translate questions into ${dialect} queries.
Schema:
{{schema}}

Question: {{question}}

Return only one SQL statement in a code block. Use explicit JOINs, qualify column names, never use SELECT *,
and add a LIMIT of 100 unless the question asks for an aggregate.`,
  samples: (dialect) =>
    dialect === "PostgreSQL 15"
      ? {
          schema: "orders(id, customer_id, total, created_at); customers(id, name, city)",
          question: "Which five cities had the highest order revenue last month?",
        }
      : undefined,
});

const devTasks = expand({
  variants: [
    {
      name: "Commit message",
      content: `Write a Conventional Commits message for this diff. First line under 72 characters
(type(scope): summary), then a blank line and a body explaining why the change was made.

{{diff}}`,
    },
    {
      name: "Unit tests - Jest",
      content: `Write Jest unit tests for the function below. Cover the happy path, edge cases
({{edge_cases}}) and error handling. Use describe/it blocks and no snapshot tests.

{{code}}`,
    },
    {
      name: "Unit tests - pytest",
      content: `Write pytest tests for the following module. Use fixtures and parametrize where it
reduces repetition, and test {{behaviour}} in particular.

{{code}}`,
    },
    {
      name: "Bug report triage",
      content: `Triage this bug report for the {{component}} team.
Report:
{{report}}
Output: a one-line summary, severity (S1-S4) with a reason, likely cause, the information still missing,
and the next step.`,
    },
    {
      name: "Release notes",
      content: `Turn these merged pull request titles into release notes for version {{version}}.
Group them under Features, Fixes and Breaking changes, write for users rather than developers,
and drop internal chores.

{{pull_requests}}`,
    },
    {
      name: "Explain regex",
      content: `Explain what this regular expression matches, token by token, then give three strings
that match and three that do not: {{pattern}}`,
    },
    {
      name: "API documentation",
      content: `Write reference documentation for the {{method}} {{path}} endpoint: a one-line purpose,
parameters (name, type, required, description), a request example with curl, a response example
and the error codes.
Implementation notes: {{notes}}`,
    },
    {
      name: "Refactor suggestion",
      content: `Suggest a refactoring of this {{language}} code that keeps its behaviour. Explain the smells
you see, then show the refactored code and list the tests that protect the change.

{{code}}`,
    },
    {
      name: "Incident postmortem",
      content: `Draft a blameless postmortem for the incident "{{incident_title}}".
Timeline notes: {{timeline}}
Sections: summary, impact (users, duration), root cause, what went well, what went wrong,
action items with owners.`,
    },
    {
      name: "Log analysis",
      content: `Here are application logs from {{service_name}} around {{time_window}}.
Find the first error that explains the failure, quote the relevant lines, and suggest where to look next.

{{logs}}`,
    },
    {
      name: "Dockerfile review",
      content: `Review this Dockerfile for image size, build caching, security (root user, secrets,
pinned base images) and reproducibility. Return the improved Dockerfile with comments.

{{dockerfile}}`,
    },
    {
      name: "Shell script explanation",
      content: `Explain this shell script line by line for a junior engineer and point out anything
dangerous before they run it on {{environment}}. Variables such as $HOME or $\${PATH} are the shell's,
not ours.

{{script}}`,
    },
  ],
  name: (v) => v.name,
  content: (v) => v.content,
});

const classification = expand({
  variants: [
    {
      name: "Sentiment - product reviews",
      content: `Classify the sentiment of this {{product_category}} review as positive, neutral or negative,
and list the aspects mentioned (price, quality, delivery, service) with their own sentiment.
Answer as JSON: {"sentiment": "...", "aspects": [{"aspect": "...", "sentiment": "..."}]}.

Review: {{review}}`,
    },
    {
      name: "Intent - banking chatbot",
      content: `Classify the customer's message into exactly one intent from this list:
{{intents}}
If none fits, answer "other". Answer with the intent only.

Message: {{message}}`,
    },
    {
      name: "Entity extraction - invoices",
      content: `Extract invoice number, issue date (ISO 8601), seller, buyer, currency, total and line items
from the text below. Return JSON only; use null for anything missing.

{{invoice_text}}`,
    },
    {
      name: "Content moderation",
      content: `You moderate user posts for {{platform}}. Label the post with any of: spam, harassment,
hate, self-harm, sexual, violence, none. Give a one-sentence reason for each label.

Post: {{post}}`,
    },
    {
      name: "情感分析-外卖评论",
      content: `判断下面这条外卖评论的情感倾向（正面 / 中性 / 负面），并指出涉及的方面（口味、分量、配送、包装、价格）。
以 JSON 输出：{"情感": "...", "方面": [...]}。
评论：{{review}}`,
    },
    {
      name: "工单分类-IT服务台",
      content: `请将以下 IT 工单归类到：账号权限、硬件故障、网络问题、软件安装、邮箱问题、其他。
同时给出紧急程度（高 / 中 / 低）和建议处理组。
工单内容：{{ticket}}
提交人部门：{{department}}`,
    },
  ],
  name: (v) => v.name,
  content: (v) => v.content,
});

const emailWriting = expand({
  variants: [
    { purpose: "follow up after a sales demo", tone: "friendly and concise" },
    { purpose: "decline a vendor proposal", tone: "polite and clear" },
    { purpose: "ask a manager for a deadline extension", tone: "professional and honest" },
    { purpose: "announce a price increase to customers", tone: "transparent and respectful" },
    { purpose: "request a reference from a former colleague", tone: "warm" },
    { purpose: "apologise for a service outage", tone: "accountable and specific" },
  ],
  name: (v) => `Email - ${v.purpose}`,
  content: (v) =>
    `Write an email to {{recipient}} to ${v.purpose}.
Context: {{context}}
Tone: ${v.tone}. Include a clear subject line, keep the body under 180 words, and end with one specific next step.`,
});

const emailWritingZh = expand({
  variants: ["催款提醒", "会议邀请", "合作邀约", "离职交接", "活动通知", "投诉回复"],
  name: (purpose) => `商务邮件-${purpose}`,
  content: (purpose) =>
    `请写一封「${purpose}」商务邮件。
收件人：{{recipient}}
背景信息：{{background}}
要求：包含邮件主题；正文分段，不超过 300 字；语气得体，结尾写明需要对方做的事和时间。`,
});

const education = expand({
  variants: [
    {
      name: "学习计划-考研英语",
      content:
        "请为{{student}}制定一份为期 {{weeks}} 周的考研英语复习计划，每周分词汇、阅读、写作、真题四项，标注每天大约用时。",
    },
    {
      name: "学习计划-Python入门",
      content:
        "请为零基础的{{student}}设计 {{weeks}} 周的 Python 入门学习路线，每周一个主题和一个小项目，推荐免费资料。",
    },
    {
      name: "作文批改-初中",
      content:
        "你是一名初中语文老师，请批改下面这篇题为《{{title}}》的作文：指出亮点、问题（结构、语言、立意），给出分数（满分 50）和修改建议。\n作文：\n{{essay}}",
    },
    {
      name: "Essay feedback - IELTS",
      content:
        "Act as an IELTS examiner. Score this Task {{task_number}} essay on the four criteria with band scores and reasons, then rewrite the weakest paragraph.\n\nQuestion: {{question}}\n\nEssay:\n{{essay}}",
    },
    {
      name: "知识点讲解-小学数学",
      content:
        "用小学{{grade}}年级学生能听懂的语言，讲解「{{topic}}」这个知识点，配 2 个生活中的例子和 3 道由易到难的练习题（附答案）。",
    },
    {
      name: "Explain like I'm five",
      content:
        "Explain {{concept}} to a curious five-year-old in under 120 words, using one everyday analogy and no jargon.",
    },
    {
      name: "Quiz generator",
      content:
        "Create {{count}} multiple-choice questions about {{topic}} for {{level}} learners. Each has four options, one correct answer, and a one-sentence explanation.",
    },
    {
      name: "Flashcards",
      content:
        "Turn these study notes into Anki flashcards (front | back), one fact per card, no more than {{max_cards}} cards:\n\n{{notes}}",
    },
  ],
  name: (v) => v.name,
  content: (v) => v.content,
  samples: (v) =>
    v.name === "Explain like I'm five" ? { concept: "how vaccines work" } : undefined,
});

const lifestyle = expand({
  variants: [
    {
      name: "旅行攻略",
      content:
        "请为{{travelers}}规划一份{{city}} {{days}} 天的旅行攻略：每天的路线、交通方式、餐饮推荐和预算，标注需要提前预约的景点。",
    },
    {
      name: "菜谱生成",
      content:
        "冰箱里有：{{ingredients}}。请推荐 3 道{{cuisine}}家常菜，写出用料、步骤和烹饪时间，优先使用现有食材。",
    },
    {
      name: "健身计划",
      content:
        "请为{{gender}}、{{age}} 岁、目标是{{goal}}的用户制定每周 {{days_per_week}} 天的训练计划，包括动作、组数、次数和注意事项。",
    },
    {
      name: "Meal plan",
      content:
        "Create a 7-day {{diet}} meal plan for {{people}} people with a weekly budget of {{budget}}. Include a shopping list grouped by aisle.",
    },
    {
      name: "Travel itinerary",
      content:
        "Plan a {{days}}-day trip to {{destination}} for {{travelers}} who enjoy {{interests}}. Give a day-by-day plan with transit times and one rainy-day alternative.",
    },
    {
      name: "生日祝福",
      content:
        "请给{{relationship}}写 3 条生日祝福，对方的爱好是{{hobbies}}，风格分别为温馨、幽默、文艺，每条不超过 50 字。",
    },
    {
      name: "节日问候-客户",
      content:
        "请以{{company}}的名义，给客户写一条{{festival}}问候短信，60 字以内，真诚不油腻，落款公司名称。",
    },
    {
      name: "Gift ideas",
      content:
        "Suggest 10 gift ideas for {{recipient}} who likes {{interests}}, within {{budget}}. Give one line on why each fits.",
    },
  ],
  name: (v) => v.name,
  content: (v) => v.content,
  samples: (v) =>
    v.name === "节日问候-客户" ? { company: "云帆物流", festival: "中秋" } : undefined,
});

const writing = expand({
  variants: [
    {
      name: "小说续写",
      content:
        "请续写下面的故事开头，保持第{{person}}人称和原有文风，续写约 800 字，结尾留下悬念。\n开头：\n{{opening}}",
    },
    {
      name: "儿童故事",
      content:
        "请为 {{age}} 岁的孩子写一个睡前故事，主角是{{hero}}，传达「{{lesson}}」的道理，500 字以内，语言温暖简单。",
    },
    {
      name: "Short story",
      content:
        "Write a 600-word short story in the {{genre}} genre set in {{setting}}. The protagonist wants {{desire}} but fears {{fear}}. End on an image, not a moral.",
    },
    {
      name: "Poem",
      content:
        "Write a {{form}} about {{subject}} in the style of {{poet_style}}. Keep it under 20 lines.",
    },
    {
      name: "论文润色",
      content:
        "请润色以下学术论文段落，使其符合{{journal_type}}期刊的写作规范：修正语法、提升逻辑衔接，保留原意和术语，并用表格列出主要修改及原因。\n段落：\n{{paragraph}}",
    },
    {
      name: "Academic abstract",
      content:
        "Rewrite this draft abstract for a {{field}} journal: background, objective, methods, results with numbers, conclusion; at most 250 words.\n\n{{draft}}",
    },
    {
      name: "PPT大纲",
      content:
        "请为主题「{{topic}}」生成一份 {{slides}} 页的汇报 PPT 大纲，听众是{{audience}}。每页写标题和 3 个要点，并建议一张配图或图表。",
    },
    {
      name: "演讲稿",
      content:
        "请写一篇{{minutes}}分钟的演讲稿，场合是{{occasion}}，主题是「{{topic}}」。开头用一个故事引入，结尾有号召。",
    },
    {
      name: "Speech outline",
      content:
        "Outline a {{minutes}}-minute talk on {{topic}} for {{audience}}: a hook, three main points with evidence, and a memorable close.",
    },
    {
      name: "Rewrite - plain English",
      content:
        "Rewrite the text below in plain English for a reading age of {{reading_age}}. Keep every fact; shorten sentences; explain any term that must stay.\n\n{{text}}",
    },
  ],
  name: (v) => v.name,
  content: (v) => v.content,
});

const businessAnalysis = expand({
  variants: [
    {
      name: "SWOT analysis",
      content:
        "Produce a SWOT analysis for {{company}} entering the {{market}} market. Two to four points per quadrant, each with evidence from the notes below, then three strategic options.\n\nNotes: {{notes}}",
    },
    {
      name: "竞品分析",
      content:
        "请对比{{our_product}}与竞品{{competitors}}，从功能、价格、目标用户、渠道、口碑五个维度输出对比表，并给出 3 条差异化建议。",
    },
    {
      name: "用户画像",
      content:
        "根据以下用户调研数据，为{{product}}归纳 3 个典型用户画像（姓名、年龄、职业、场景、痛点、期望），并说明各占比。\n数据：{{survey_data}}",
    },
    {
      name: "OKR drafting",
      content:
        "Draft OKRs for the {{team}} team for {{quarter}}: two objectives, each with three measurable key results, aligned with this company goal: {{company_goal}}.",
    },
    {
      name: "数据周报解读",
      content:
        "以下是{{business_line}}本周核心指标：\n{{metrics}}\n请解读环比变化，找出异常指标，推测可能原因，并给出下周需要关注的 3 件事。",
    },
    {
      name: "Pricing page copy",
      content:
        "Write pricing page copy for {{product}} with three plans ({{plans}}). For each plan: a name, a one-line promise, five features, and who it is for.",
    },
    {
      name: "商业计划书摘要",
      content:
        "请为{{project}}撰写商业计划书的执行摘要（600 字以内）：痛点、解决方案、市场规模、商业模式、团队、融资需求{{funding}}。",
    },
  ],
  name: (v) => v.name,
  content: (v) => v.content,
});

const reviewReplies = expand({
  variants: [
    { platform: "淘宝", rating: "差评" },
    { platform: "美团", rating: "差评" },
    { platform: "大众点评", rating: "好评" },
    { platform: "京东", rating: "中评" },
    { platform: "携程", rating: "差评" },
    { platform: "App Store", rating: "差评" },
  ],
  name: (v) => `评价回复-${v.platform.replace(/\s+/g, "")}${v.rating}`,
  content: (v) =>
    `你是{{shop_name}}的店主，请回复${v.platform}上的这条${v.rating}：
「{{review}}」
要求：感谢反馈，${v.rating === "好评" ? "表达真诚的谢意并欢迎再次光临" : "诚恳致歉，说明改进措施，并给出私信联系方式"}；不推诿、不争辩，100 字以内。`,
});

const extraFamilies: TemplateRow[] = [
  ...expand({
    variants: ["中文", "English"],
    name: (language) => (language === "中文" ? "会议纪要生成" : "Meeting minutes"),
    content: (language) =>
      language === "中文"
        ? "请根据以下会议录音转写整理会议纪要：会议主题「{{topic}}」，参会人{{attendees}}。包含议题、讨论要点、结论和待办（负责人、截止日期）。\n转写：\n{{transcript}}"
        : "Turn this transcript of the meeting about {{topic}} (attendees: {{attendees}}) into minutes: agenda, key points, decisions and action items with owners and dates.\n\nTranscript:\n{{transcript}}",
  }),
  ...expand({
    variants: ["问答对生成-产品手册", "FAQ generator"],
    name: (name) => name,
    content: (name) =>
      name === "FAQ generator"
        ? "Read the documentation below and write the {{count}} questions customers are most likely to ask about {{product}}, each with a short answer taken from the text.\n\n{{documentation}}"
        : "请阅读下面的{{product}}产品手册，生成 {{count}} 组用户最可能问的问答对，答案必须来自手册原文。\n手册：\n{{documentation}}",
  }),
];

const allValid: TemplateRow[] = [
  ...ecommerceTitles,
  ...xiaohongshu,
  ...weeklyReports,
  ...dailyReports,
  ...customerService,
  ...englishSupport,
  ...codeReview,
  ...codeReviewZh,
  ...summarisation,
  ...summarisationZh,
  ...translation,
  ...translationEn,
  ...marketingEn,
  ...marketingZh,
  ...productDescriptions,
  ...seo,
  ...jobDescriptions,
  ...interviewQuestions,
  ...sqlGeneration,
  ...devTasks,
  ...classification,
  ...emailWriting,
  ...emailWritingZh,
  ...education,
  ...lifestyle,
  ...writing,
  ...businessAnalysis,
  ...reviewReplies,
  ...extraFamilies,
];

/**
 * Rows that fail the importer's coverage check on purpose, so the demo shows a reject file. Each is
 * the mistake people really make when they keep prompts in a spreadsheet.
 */
const deliberatelyBroken: TemplateRow[] = [
  {
    name: "坏例子-未声明的变量",
    content: "请为${product}写一段介绍，语气${tone}。",
    variables: ["product"],
  },
  {
    name: "Broken - declared but unused variable",
    content: "Summarize the text below in three bullet points.\n\n${text}",
    variables: ["text", "max_words"],
  },
  {
    name: "坏例子-语法错误",
    content: "请把${source_text翻译成英文。",
    variables: ["source_text"],
  },
  {
    name: "电商标题-女装",
    content: "这一行和前面的模板重名：为${product}写标题。",
    variables: ["product"],
  },
  {
    name: "Broken - empty content",
    content: "",
    variables: [],
  },
];

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: readonly TemplateRow[]): string {
  const sampleColumns = [...new Set(rows.flatMap((row) => Object.keys(row.samples ?? {})))];
  const header = ["name", "content", "variables", ...sampleColumns.map((name) => `var.${name}`)];
  const lines = [header.join(",")];
  for (const row of rows) {
    const fields = [
      row.name,
      row.content,
      (row.variables ?? []).join(";"),
      ...sampleColumns.map((name) => row.samples?.[name] ?? ""),
    ];
    lines.push(fields.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}

const names = new Set<string>();
for (const row of allValid) {
  if (names.has(row.name)) throw new Error(`duplicate template name in the generator: ${row.name}`);
  names.add(row.name);
}

const outputFile = join(dirname(fileURLToPath(import.meta.url)), "templates.csv");
writeFileSync(outputFile, toCsv([...allValid, ...deliberatelyBroken]));
process.stdout.write(
  `wrote ${allValid.length} valid and ${deliberatelyBroken.length} broken templates to ${outputFile}\n`,
);
