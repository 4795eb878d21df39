// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
/**
 * The read-only System templates every workspace starts with. The real service has its own
 * set, which it does not publish; these are ours, chosen to exercise Chinese and English
 * text, several variables, and line breaks.
 */
export const SYSTEM_TEMPLATES: readonly { name: string; content: string }[] = [
  {
    name: "小红书文案助手",
    content:
      "请写一篇小红书种草笔记，增加丰富的emoji元素，结尾作总结，并加上相关标签。主题为：${theme}",
  },
  {
    name: "会议纪要整理",
    content:
      "请将以下会议记录整理成结构化的会议纪要，包括会议主题、参会人员、讨论要点和待办事项。\n会议主题：${topic}\n参会人员：${attendees}\n会议记录：\n${transcript}",
  },
  {
    name: "中英互译",
    content:
      "请把下面的内容翻译成${target_language}，保持原文的语气和格式，不要添加任何解释。\n\n${text}",
  },
  {
    name: "Product description writer",
    content:
      "Write a compelling product description for ${product_name}, aimed at ${audience}. Highlight these features: ${features}. Keep it under ${word_limit} words.",
  },
  {
    name: "Email reply assistant",
    content:
      "You are a professional assistant. Draft a polite reply to the email below in a ${tone} tone, and answer every question it asks.\n\nEmail:\n${email}",
  },
];
