/**
 * LangChain4j's chat model calls made part of the agent's trace, through its {@code ChatModelListener}: what a
 * call learns (models, provider, finish reason, usage) fills the enclosing {@code llm_node}. Loaded only with
 * LangChain4j present.
 */
package dev.ten.tracing.langchain4j;
