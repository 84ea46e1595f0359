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
        # 一码通 expression functions (ymt_segment, ymt_is_valid, ymt_display)
        from .gis.expressions import register_expression_functions, unregister_expression_functions

        register_expression_functions()
        self.on_unload(unregister_expression_functions)
        self.add_action("code.svg", tr("Code generator…"), self.open_code_dialog)
        self._init_project_box()
        self._init_library_dock()
        from .ui.statistics_dock import install as install_statistics_dock

        install_statistics_dock(self)
        self.add_action(
            "library.svg",
            tr("Sync approvals (工改 staging tables)…"),
            lambda: self.open_algorithm_dialog("yimatong:syncapprovals"),
            toolbar=False,
        )

    def _init_library_dock(self) -> None:
        """Project library panel (项目库): a dock shown by its action."""
        from qgis.PyQt.QtCore import Qt

        from .ui.library_dock import LibraryDock

        dock = LibraryDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.hide()
        self.library_dock = dock

        def show():
            dock.show()
            dock.raise_()
            if dock.library is None:
                dock.open_from_settings()

        self.add_action("library.svg", tr("Project library"), show)

        # locator bar: codes, code prefixes and names → projects; zoom to their parcels
        from .ui.locator import ProjectLocatorFilter, default_source

        def source():
            if dock.library is not None:
                return dock.uri, dock.connection_name
            return default_source()

        locator = ProjectLocatorFilter(self.iface, source=source, dock=dock)
        self.iface.registerLocatorFilter(locator)
        self.on_unload(lambda: self.iface.deregisterLocatorFilter(locator))

        # the plugin's page in QGIS Options
        from .ui.options import YimatongOptionsFactory

        options = YimatongOptionsFactory()
        self.iface.registerOptionsWidgetFactory(options)
        self.on_unload(lambda: self.iface.unregisterOptionsWidgetFactory(options))

        def remove():
            dock.unload()
            self.iface.removeDockWidget(dock)
            dock.deleteLater()
            self.library_dock = None

        self.on_unload(remove)

    def _init_project_box(self) -> None:
        """Project box (项目盒): a dock and its map tool; the action shows both."""
        from qgis.PyQt.QtCore import Qt

        from .ui.project_box import ProjectBoxDock

        dock = ProjectBoxDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        self.project_box = dock
        self.add_action("projectbox.svg", tr("Project box"), dock.activate_tool)

        def remove():
            dock.unload()
            self.iface.removeDockWidget(dock)
            dock.deleteLater()
            self.project_box = None

        self.on_unload(remove)

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
        from .ui.code_dialog import open_code_dialog

        open_code_dialog(self.iface)

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
