#ifndef QDAKIT_CLIBXML2_SHIM_H
#define QDAKIT_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; its ICU headers clash with the ICU inside Foundation
// (`UErrorCode` redefinitions). QDAKit never uses libxml2's ICU encoders, so switch them off
// before any other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void qdakit_xmlFree(void *pointer) { xmlFree(pointer); }

/// The XPath result's node set, which Swift cannot reach through the union-free struct alone.
static inline int qdakit_nodeSetCount(xmlXPathObjectPtr object) {
  if (object == NULL || object->nodesetval == NULL) return 0;
  return object->nodesetval->nodeNr;
}

static inline xmlNodePtr qdakit_nodeSetItem(xmlXPathObjectPtr object, int index) {
  return object->nodesetval->nodeTab[index];
}

#endif
