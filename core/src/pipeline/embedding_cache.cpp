#include "pipeline/embedding_cache.h"

namespace sdxl::pipeline {

const PromptEmbeddings* EmbeddingCache::find(const std::string& key) {
  auto it = m_index.find(key);
  if (it == m_index.end()) return nullptr;
  m_items.splice(m_items.begin(), m_items, it->second);
  ++m_hits;
  return &m_items.front().second;
}

void EmbeddingCache::insert(const std::string& key, PromptEmbeddings embeddings) {
  if (auto it = m_index.find(key); it != m_index.end()) {
    m_items.erase(it->second);
    m_index.erase(it);
  }
  m_items.emplace_front(key, std::move(embeddings));
  m_index[key] = m_items.begin();
  while (m_items.size() > m_capacity) {
    m_index.erase(m_items.back().first);
    m_items.pop_back();
  }
}

} // namespace sdxl::pipeline
