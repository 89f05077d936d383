; Inno Setup script for Mutuality Desktop (build on Windows after `python installer\build.py`).
; Compile with: iscc installer\windows\mutuality-desktop.iss
#define AppName "Mutuality Desktop"
#define AppVersion "0.1.0"
#define AppExe "mutuality-desktop.exe"

[Setup]
AppId={{6B0E7C52-3F1D-4B7A-9D2E-4D5554550001}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=MutualityDesktopSetup-{#AppVersion}
SetupIconFile=..\..\build\icons\mutuality-desktop.ico
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Files]
Source: "..\..\dist\mutuality-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
Root: HKA; Subkey: "Software\Classes\.mutuality"; ValueType: string; ValueName: ""; ValueData: "MutualityDesktop.Engagement"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\MutualityDesktop.Engagement"; ValueType: string; ValueName: ""; ValueData: "Mutuality engagement"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\MutualityDesktop.Engagement\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\MutualityDesktop.Engagement\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
