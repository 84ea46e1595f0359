"""YimatongPlugin: registers the menu, toolbar, Processing provider and UI components, and
removes every one of them in :meth:`unload`."""

from __future__ import annotations

from typing import Callable

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from .__about__ import __version__
from .toolbelt.i18n import install_translator, remove_translator, tr
from .toolbelt.log import log
from .toolbelt.resources import icon


class YimatongPlugin:
    MENU_OBJECT_NAME = "YimatongMenu"
    TOOLBAR_OBJECT_NAME = "YimatongToolbar"

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu: QMenu | None = None
        self.toolbar = None
        self.actions: list[QAction] = []
        # callables run by unload() in reverse order: every component registers its own undo
        self._unloaders: list[Callable[[], None]] = []
        self._library_dock = self._project_box = self._catalog_dock = None
        self._build_library_dock = self._build_project_box = self._build_catalog_dock = None
        install_translator()

    # -- Processing -----------------------------------------------------------------------
    def initProcessing(self):
        from .processing.provider import YimatongProvider

        if self.provider is None:
            provider = YimatongProvider()
            # addProvider refuses (and deletes) a provider whose id is already registered
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    # -- GUI -------------------------------------------------------------------------------
    def initGui(self):
        self.initProcessing()
        main_window = self.iface.mainWindow()

        self.menu = QMenu(tr("Yimatong"), main_window)
        self.menu.setObjectName(self.MENU_OBJECT_NAME)
        menu_bar = main_window.menuBar()
        menu_actions = menu_bar.actions()
        # put the menu before "Help" (the last menu of QGIS's menu bar) when there is one
        if len(menu_actions) > 1:
            menu_bar.insertMenu(menu_actions[-1], self.menu)
        else:
            menu_bar.addMenu(self.menu)

        self.toolbar = self.iface.addToolBar(tr("Yimatong"))
        self.toolbar.setObjectName(self.TOOLBAR_OBJECT_NAME)

        from .toolbelt.dependencies import INSTALL_HINT, missing_required

        problems = missing_required()
        if problems:
            # load, but offer nothing that would fail or compute wrong areas; say what to do
            message = tr(
                "Yimatong cannot start its tools: {problems}. Install with: {hint}"
            ).format(problems="; ".join(problems), hint=INSTALL_HINT)
            log(message, "critical", push=True, duration=0)
        else:
            self._init_components()

        self.menu.addSeparator()
        self.add_action("yimatong.svg", tr("About Yimatong"), self.show_about, toolbar=False)

    def _init_components(self) -> None:
        """Register feature components (docks, dialogs, expression functions, locator…).

        Each component adds its actions with :meth:`add_action` and registers the undo of
        anything else it installs with :meth:`on_unload`.
        """
        self.add_action(
            "compliance.svg",
            tr("Compliance review…"),
            lambda: self.open_algorithm_dialog("yimatong:complianceoverlay"),
        )
        self.add_action(
            "compliance.svg",
            tr("Site selection…"),
            lambda: self.open_algorithm_dialog("yimatong:siteselection"),
            toolbar=False,
        )
        # 一码通 expression functions (ymt_segment, ymt_is_valid, ymt_display)
        from .gis.expressions import register_expression_functions, unregister_expression_functions

        register_expression_functions()
        self.on_unload(unregister_expression_functions)
        self.add_action("code.svg", tr("Code generator…"), self.open_code_dialog)
        self._init_project_box()
        self._init_library_dock()
        self._init_catalog_dock()
        from .ui.statistics_dock import install as install_statistics_dock

        install_statistics_dock(self)
        self.add_action(
            "library.svg",
            tr("Sync approvals (工改 staging tables)…"),
            lambda: self.open_algorithm_dialog("yimatong:syncapprovals"),
            toolbar=False,
        )

    # the two docks are built on first use (their action, the locator, a script), not at QGIS
    # start: building them is most of what initGui would cost (benchmarks/plugin_start.py)
    @property
    def library_dock(self):
        """The project library dock, built on first use; None once unloaded."""
        if self._library_dock is None and self._build_library_dock is not None:
            self._library_dock = self._build_library_dock()
        return self._library_dock

    @property
    def catalog_dock(self):
        """The 一张图 catalog dock, built on first use; None once unloaded."""
        if self._catalog_dock is None and self._build_catalog_dock is not None:
            self._catalog_dock = self._build_catalog_dock()
        return self._catalog_dock

    @property
    def project_box(self):
        """The project box dock, built on first use; None once unloaded."""
        if self._project_box is None and self._build_project_box is not None:
            self._project_box = self._build_project_box()
        return self._project_box

    def _init_library_dock(self) -> None:
        """Project library panel (项目库): a dock shown by its action."""

        def build():
            from .ui.library_dock import LibraryDock

            # its own (right) area: under 图层 on the left it had one result row
            return self._new_dock(LibraryDock)

        self._build_library_dock = build

        def show():
            from .ui.library_dock import place_dock

            dock = self.library_dock
            place_dock(self.iface.mainWindow(), dock)
            if dock.library is None:
                dock.open_from_settings()

        self.add_action("library.svg", tr("Project library"), show)

        # locator bar: codes, code prefixes and names → projects; zoom to their parcels
        from .ui.locator import ProjectLocatorFilter, default_source

        def source():
            dock = self._library_dock
            if dock is not None and dock.library is not None:
                return dock.uri, dock.connection_name
            return default_source()

        locator = ProjectLocatorFilter(self.iface, source=source, dock=_DockOnFirstUse(self))
        self.iface.registerLocatorFilter(locator)
        self.on_unload(lambda: self.iface.deregisterLocatorFilter(locator))

        # the plugin's page in QGIS Options
        from .ui.options import YimatongOptionsFactory

        options = YimatongOptionsFactory()
        self.iface.registerOptionsWidgetFactory(options)
        self.on_unload(lambda: self.iface.unregisterOptionsWidgetFactory(options))

        def remove():
            dock = self._library_dock
            self._library_dock = self._build_library_dock = None
            self._drop_dock(dock)

        self.on_unload(remove)

    def _init_catalog_dock(self) -> None:
        """一张图: the library's catalog of topics and layers, in a dock shown by its action;
        it follows the library the project-library panel opens. Built on first use."""

        def build():
            from qgis.PyQt.QtCore import Qt

            from .ui.catalog_dock import CatalogDock

            dock = self._new_dock(CatalogDock, Qt.DockWidgetArea.LeftDockWidgetArea)
            library = self.library_dock

            def follow(uri):
                from .gis.library_connect import connection_authcfg

                authcfg = connection_authcfg(library.connection_name)
                dock.open_uri(uri, library.connection_name, authcfg)

            library.libraryOpened.connect(follow)
            dock.follow_library = follow
            return dock

        self._build_catalog_dock = build

        def show():
            dock = self.catalog_dock
            library = self.library_dock
            dock.show()
            dock.raise_()
            if library.library is not None and dock.uri != library.uri:
                dock.follow_library(library.uri)
            elif library.library is None:
                library.open_from_settings()

        self.add_action("library.svg", tr("One map (一张图)"), show)
        # drag from the catalog tree onto the map or the layers panel
        from .ui.catalog_drag import CatalogDropHandler

        drop = CatalogDropHandler(_DockOnFirstUse(self, "catalog_dock"))
        self.iface.registerCustomDropHandler(drop)
        self.on_unload(lambda: self.iface.unregisterCustomDropHandler(drop))

        def remove():
            dock = self._catalog_dock
            self._catalog_dock = self._build_catalog_dock = None
            if dock is None:
                return
            library = self._library_dock
            if library is not None:
                try:
                    library.libraryOpened.disconnect(dock.follow_library)
                except (RuntimeError, TypeError):
                    pass
            self._drop_dock(dock)

        self.on_unload(remove)

    def _init_project_box(self) -> None:
        """Project box (项目盒): a dock and its map tool; the action shows both."""

        def build():
            from .ui.project_box import ProjectBoxDock

            return self._new_dock(ProjectBoxDock)

        self._build_project_box = build
        self.add_action(
            "projectbox.svg", tr("Project box"), lambda: self.project_box.activate_tool()
        )

        def remove():
            dock = self._project_box
            self._project_box = self._build_project_box = None
            self._drop_dock(dock)

        self.on_unload(remove)

    def _new_dock(self, dock_class, area=None):
        """A dock ``dock_class(iface, main window)`` added to QGIS's ``area`` (default: the
        right one), hidden until its action shows it."""
        from qgis.PyQt.QtCore import Qt

        dock = dock_class(self.iface, self.iface.mainWindow())
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.iface.addDockWidget(area if area is not None else right, dock)
        dock.hide()
        return dock

    def _drop_dock(self, dock) -> None:
        """Unload a dock built by :meth:`_new_dock` (None: never built) and take it out of QGIS."""
        if dock is not None:
            dock.unload()
            self.iface.removeDockWidget(dock)
            dock.deleteLater()

    def add_action(
        self,
        icon_name: str,
        text: str,
        callback: Callable[[], None],
        toolbar: bool = True,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(icon(icon_name), text, self.iface.mainWindow())
        action.setCheckable(checkable)
        action.triggered.connect(lambda *_: callback())
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def on_unload(self, func: Callable[[], None]) -> None:
        self._unloaders.append(func)

    def open_algorithm_dialog(self, algorithm_id: str) -> None:
        registry = QgsApplication.processingRegistry()
        if registry.algorithmById(algorithm_id) is None:
            QMessageBox.warning(
                self.iface.mainWindow(),
                tr("Yimatong"),
                tr("The algorithm {id} is not available.").format(id=algorithm_id),
            )
            return
        import processing

        processing.execAlgorithmDialog(algorithm_id)

    def open_code_dialog(self) -> None:
        from .ui.code_dialog_open import open_code_dialog

        created = open_code_dialog(self.iface)
        dock = getattr(self, "library_dock", None)
        if created and dock is not None and dock.library is not None:
            dock.model.refresh()  # the new projects appear in the open panel

    def show_about(self) -> None:
        QMessageBox.about(
            self.iface.mainWindow(),
            tr("About Yimatong"),
            tr("Yimatong {version}: one project library, one code per project.").format(
                version=__version__
            ),
        )

    def unload(self):
        while self._unloaders:
            func = self._unloaders.pop()
            func()
        for action in self.actions:
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions.clear()
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()


class _DockOnFirstUse:
    """A dock for the locator filter or a drop handler: built when it is first used."""

    def __init__(self, plugin: YimatongPlugin, attribute: str = "library_dock"):
        self._plugin = plugin
        self._attribute = attribute

    def __getattr__(self, name):
        dock = getattr(self._plugin, self._attribute)
        if dock is None:
            raise AttributeError(name)
        return getattr(dock, name)
