// Resources compiled into the static sdxlui library must be registered explicitly, and the
// macro must be used outside any namespace.
#include <QtGlobal>

void sdxlInitUiResources() { Q_INIT_RESOURCE(resources); }
