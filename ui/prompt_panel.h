// Prompt and negative prompt, with a live token and chunk count per text encoder, every weighted
// piece of the text highlighted by its weight, and the <lora:...> tags marked.
#pragma once

#include "sdxl/clip_tokenizer.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace sdxl::ui {

class PromptPanel final : public QWidget {
  Q_OBJECT
public:
  explicit PromptPanel(QWidget* parent = nullptr);
  void setTokenizers(std::shared_ptr<const ClipTokenizer> first, std::shared_ptr<const ClipTokenizer> second);
  QString prompt() const;
  QString negativePrompt() const;
  void setPrompts(const QString& prompt, const QString& negative);
  bool encodeEmptyNegative() const; // A1111's and ComfyUI's way instead of diffusers' zeros
  void setEncodeEmptyNegative(bool encode);
  QPlainTextEdit* promptEdit() const { return m_prompt; }

private:
  void updateCounts(QPlainTextEdit* edit, QLabel* label);
  QPlainTextEdit* m_prompt = nullptr;
  QPlainTextEdit* m_negative = nullptr;
  QLabel* m_promptCount = nullptr;
  QLabel* m_negativeCount = nullptr;
  QCheckBox* m_encodeEmpty = nullptr;
  std::shared_ptr<const ClipTokenizer> m_first, m_second;
};

} // namespace sdxl::ui
