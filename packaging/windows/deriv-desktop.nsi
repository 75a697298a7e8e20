; Windows installer for Deriv Desktop (NSIS 3). Per-user: no administrator rights needed.
;
; Wraps the PyInstaller one-folder build (dist\deriv-desktop) into one setup .exe that
; installs under %LOCALAPPDATA%\Programs, adds a Start-menu shortcut and an uninstaller
; (listed in Settings > Apps), and registers the derivdesktop:// URL scheme for the current
; user (HKCU\Software\Classes\derivdesktop), which the browser hands the OAuth callback to.
;
;   makensis /DVERSION=0.1.0 packaging\windows\deriv-desktop.nsi
;
; Optional defines: DIST_DIR (the onedir build), OUTFILE (the setup .exe to write).

Unicode true
!include "MUI2.nsh"

!ifndef VERSION
  !error "pass the version: makensis /DVERSION=x.y.z deriv-desktop.nsi"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "${__FILEDIR__}\..\..\dist\deriv-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "${__FILEDIR__}\..\..\dist\deriv-desktop-${VERSION}-setup.exe"
!endif

!define APP_NAME "Deriv Desktop"
!define APP_EXE "deriv-desktop.exe"
!define APP_ID "DerivDesktop"
!define SCHEME "derivdesktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define ICON_FILE "${__FILEDIR__}\..\..\resources\icons\deriv-desktop.ico"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${APP_ID}" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "LegalCopyright" "deriv-desktop developers, MIT licence"

!define MUI_ICON "${ICON_FILE}"
!define MUI_UNICON "${ICON_FILE}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"

Section "Install"
  SetOutPath "$INSTDIR"
  ; A previous version's files go first, so nothing stale is left in _internal.
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APP_ID}" "InstallDir" "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; derivdesktop://oauth/callback?... starts (or hands over to) the app, per user.
  WriteRegStr HKCU "Software\Classes\${SCHEME}" "" "URL:${APP_NAME} sign-in"
  WriteRegStr HKCU "Software\Classes\${SCHEME}" "URL Protocol" ""
  WriteRegStr HKCU "Software\Classes\${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "deriv-desktop developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  DeleteRegKey HKCU "Software\Classes\${SCHEME}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_ID}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
