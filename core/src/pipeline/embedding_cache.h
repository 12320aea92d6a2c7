// Prompt embeddings already computed, by prompt text: the "cached prompt embeddings" switch.
// A small LRU; entries live on the device (about 0.3 MB each for SDXL).
#pragma once

#include "pipeline/conditioning.h"

#include <list>
#include <string>
#include <unordered_map>

namespace sdxl::pipeline {

class EmbeddingCache {
public:
  explicit EmbeddingCache(std::size_t capacity = 32) : m_capacity(capacity) {}
  // The key covers everything the embeddings depend on besides the text: model and dtype.
  const PromptEmbeddings* find(const std::string& key);
  void insert(const std::string& key, PromptEmbeddings embeddings);
  void clear() {
    m_items.clear();
    m_index.clear();
  }
  std::size_t size() const { return m_items.size(); }
  uint64_t hits() const { return m_hits; }

private:
  std::size_t m_capacity;
  std::list<std::pair<std::string, PromptEmbeddings>> m_items; // most recent first
  std::unordered_map<std::string, std::list<std::pair<std::string, PromptEmbeddings>>::iterator> m_index;
  uint64_t m_hits = 0;
};

} // namespace sdxl::pipeline
