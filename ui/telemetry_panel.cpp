#include "telemetry_panel.h"

#include "sdxl/telemetry.h"

#include <algorithm>

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace sdxl::ui {

namespace {
constexpr double kGB = 1024.0 * 1024.0 * 1024.0;
constexpr double kWindowSeconds = 120; // what the memory chart shows
} // namespace

TelemetryPanel::TelemetryPanel(QWidget* parent) : QWidget(parent) {
  m_cuda = sdxl::sampleMemory().cuda;
  m_memory = new QCustomPlot;
  m_memory->setObjectName(QStringLiteral("vramPlot"));
  m_memory->setMinimumHeight(110);
  m_memory->xAxis->setLabel(tr("time (s)"));
  m_memory->yAxis->setLabel(m_cuda ? tr("VRAM (GB)") : tr("host memory (GB)"));
  m_memory->legend->setVisible(true);
  m_memory->legend->setFont(QFont(font().family(), 8));
  const QList<QPair<QString, QColor>> series =
      m_cuda ? QList<QPair<QString, QColor>>{{tr("allocated"), QColor(41, 128, 185)},
                                             {tr("reserved"), QColor(142, 68, 173)},
                                             {tr("device used"), QColor(230, 126, 34)},
                                             {tr("device total"), QColor(127, 140, 141)}}
             : QList<QPair<QString, QColor>>{{tr("process resident"), QColor(41, 128, 185)}};
  for (const auto& [name, color] : series) {
    auto* graph = m_memory->addGraph();
    graph->setName(name);
    graph->setPen(QPen(color, name == tr("device total") ? 1 : 2, name == tr("device total") ? Qt::DashLine : Qt::SolidLine));
  }
  m_steps = new QCustomPlot;
  m_steps->setObjectName(QStringLiteral("stepPlot"));
  m_steps->setMinimumHeight(110);
  m_steps->xAxis->setLabel(tr("step"));
  m_steps->yAxis->setLabel(tr("latency (ms)"));
  auto* bars = new QCPBars(m_steps->xAxis, m_steps->yAxis);
  bars->setName(tr("step latency"));
  bars->setBrush(QColor(39, 174, 96, 160));
  m_now = new QLabel;
  m_now->setObjectName(QStringLiteral("memoryNow"));
  m_last = new QLabel(tr("last run: —"));
  m_last->setObjectName(QStringLiteral("lastRun"));
  m_plan = new QLabel;
  m_plan->setObjectName(QStringLiteral("memoryPlan"));
  m_plan->setWordWrap(true);
  m_plan->setMaximumWidth(320);
  m_plan->setVisible(false);
  auto* numbers = new QVBoxLayout;
  numbers->addWidget(m_now);
  numbers->addWidget(m_last);
  numbers->addWidget(m_plan);
  numbers->addStretch(1);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(m_memory, 3);
  layout->addWidget(m_steps, 2);
  layout->addLayout(numbers, 1);

  m_clock.start();
  m_timer = new QTimer(this);
  m_timer->setInterval(100); // about 10 Hz
  connect(m_timer, &QTimer::timeout, this, &TelemetryPanel::sample);
  m_timer->start();
  sample();
}

void TelemetryPanel::sample() {
  const auto s = sdxl::sampleMemory();
  const double t = m_clock.elapsed() / 1000.0;
  if (m_cuda) {
    const double values[] = {s.allocated / kGB, s.reserved / kGB, s.deviceUsed / kGB, s.deviceTotal / kGB};
    for (int i = 0; i < 4; ++i) m_memory->graph(i)->addData(t, values[i]);
    m_now->setText(tr("allocated %1 GB\nreserved %2 GB\ndevice %3 / %4 GB\npeak %5 GB")
                       .arg(values[0], 0, 'f', 2)
                       .arg(values[1], 0, 'f', 2)
                       .arg(values[2], 0, 'f', 1)
                       .arg(values[3], 0, 'f', 1)
                       .arg(s.peakAllocated / kGB, 0, 'f', 2));
  } else {
    m_memory->graph(0)->addData(t, s.hostResident / kGB);
    m_now->setText(tr("host memory %1 GB\n(no CUDA device: VRAM not measured)").arg(s.hostResident / kGB, 0, 'f', 2));
  }
  for (int i = 0; i < m_memory->graphCount(); ++i) m_memory->graph(i)->data()->removeBefore(t - kWindowSeconds);
  m_memory->yAxis->rescale(true); // y follows the data; x is the sliding window
  m_memory->yAxis->setRangeLower(0);
  if (m_budgetGB > 0) m_memory->yAxis->setRangeUpper(std::max(m_memory->yAxis->range().upper, m_budgetGB * 1.05));
  // From a little before the last run started (or the window's width back), so a run fills the chart.
  const double from = m_runStart >= 0 ? std::max(m_runStart - 2.0, t - kWindowSeconds) : std::max(0.0, t - kWindowSeconds);
  m_memory->xAxis->setRange(from, std::max(from + 10.0, t));
  placeStageLabels();
  if (isVisible()) m_memory->replot(QCustomPlot::rpQueuedReplot);
}

void TelemetryPanel::markStage(const QString& name) {
  const double t = m_clock.elapsed() / 1000.0;
  auto* line = new QCPItemStraightLine(m_memory);
  line->point1->setCoords(t, 0);
  line->point2->setCoords(t, 1);
  line->setPen(QPen(QColor(0, 0, 0, 90), 1, Qt::DotLine));
  auto* label = new QCPItemText(m_memory);
  label->position->setTypeX(QCPItemPosition::ptPlotCoords);
  label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  label->setPadding(QMargins(2, 0, 2, 0));
  label->setBrush(QColor(255, 255, 255, 200));
  label->setText(name);
  label->setFont(QFont(font().family(), 7));
  m_stageMarks.push_back({t, line, label});
  dropStageMarksBefore(t - kWindowSeconds);
  placeStageLabels();
}

// Stages follow each other closely: the labels go in rows a line of text apart, each on the first
// row free at its place on the chart as it is drawn now (so again at every sample: the time axis
// and the chart's size change); one with no row free is hidden until the chart has room for it.
void TelemetryPanel::placeStageLabels() {
  if (m_stageMarks.empty()) return;
  const QFontMetrics metrics(m_stageMarks.front().label->font());
  const int height = m_memory->axisRect()->height();
  const double row = height > 20 ? std::max(0.11, (metrics.height() + 3.0) / height) : 0.11;
  std::vector<double> rowEnds(std::size_t(std::max(1, int(0.92 / row))), -1e9); // in pixels
  for (const auto& mark : m_stageMarks) {
    const double x = m_memory->xAxis->coordToPixel(mark.t);
    const auto free = std::find_if(rowEnds.begin(), rowEnds.end(), [x](double end) { return end < x; });
    mark.label->setVisible(free != rowEnds.end()); // its dotted line stays
    if (free == rowEnds.end()) continue;
    *free = x + metrics.horizontalAdvance(mark.label->text()) + 8;
    mark.label->position->setCoords(mark.t, 0.04 + row * double(free - rowEnds.begin()));
  }
}

// A day of runs would otherwise keep every stage's line and label, each replot drawing them all.
void TelemetryPanel::dropStageMarksBefore(double t) {
  auto end = m_stageMarks.begin();
  while (end != m_stageMarks.end() && end->t < t) {
    m_memory->removeItem(end->line);
    m_memory->removeItem(end->label);
    ++end;
  }
  m_stageMarks.erase(m_stageMarks.begin(), end);
}

void TelemetryPanel::showPlan(double budgetGB, const QString& plan) {
  if (!m_budgetLine) {
    m_budgetLine = new QCPItemStraightLine(m_memory);
    m_budgetLine->setPen(QPen(QColor(192, 57, 43), 1.5, Qt::DashLine));
  }
  m_budgetLine->point1->setCoords(0, budgetGB);
  m_budgetLine->point2->setCoords(1, budgetGB);
  m_budgetLine->setVisible(budgetGB > 0);
  m_budgetGB = budgetGB;
  m_plan->setText(plan);
  m_plan->setToolTip(plan);
  m_plan->setVisible(!plan.isEmpty());
  m_memory->replot(QCustomPlot::rpQueuedReplot);
}

void TelemetryPanel::addFallback(const QString& what) {
  markStage(tr("fallback"));
  const auto text = m_plan->text().isEmpty() ? what : m_plan->text() + QStringLiteral("\n") + what;
  m_plan->setText(text);
  m_plan->setToolTip(text);
  m_plan->setVisible(true);
}

void TelemetryPanel::clearMemoryNotes() {
  if (m_budgetLine) m_budgetLine->setVisible(false);
  m_budgetGB = 0;
  m_plan->clear();
  m_plan->setVisible(false);
}

void TelemetryPanel::clearSteps() {
  m_runStart = m_clock.elapsed() / 1000.0; // a run starts: the chart follows it
  dropStageMarksBefore(m_runStart - 2.0); // the chart starts there now
  static_cast<QCPBars*>(m_steps->plottable(0))->data()->clear();
  m_steps->replot();
}

void TelemetryPanel::addStep(int step, double seconds) {
  auto* bars = static_cast<QCPBars*>(m_steps->plottable(0));
  bars->addData(step, seconds * 1000.0);
  m_steps->rescaleAxes();
  m_steps->yAxis->setRangeLower(0);
  m_steps->replot(QCustomPlot::rpQueuedReplot);
}

void TelemetryPanel::runFinished(double totalSeconds, double peakGB) {
  m_last->setText(m_cuda ? tr("last run: %1 s, peak %2 GB").arg(totalSeconds, 0, 'f', 2).arg(peakGB, 0, 'f', 2)
                         : tr("last run: %1 s").arg(totalSeconds, 0, 'f', 2));
}

} // namespace sdxl::ui
