<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>Crash</name>
    <message>
        <location filename="../../livehelper/ui/app.py" line="70" />
        <source>Something went wrong inside livehelper. Your orders are saved.
Please send this log file to the developers:
{path}</source>
        <translation>livehelper gặp lỗi bên trong. Các đơn của bạn vẫn được lưu.
Vui lòng gửi tệp nhật ký này cho nhóm phát triển:
{path}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="292" />
        <source>Products (click or F1–F12 to put on screen)</source>
        <translation>Sản phẩm (bấm hoặc F1–F12 để đưa lên màn hình)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="293" />
        <source>Orders to confirm</source>
        <translation>Đơn chờ xác nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="294" />
        <source>Live comments</source>
        <translation>Bình luận trực tiếp</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="295" />
        <source>Confirmed orders</source>
        <translation>Đơn đã chốt</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="296" />
        <source>Confirm (Enter)</source>
        <translation>Xác nhận (Enter)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="297" />
        <source>Reject (Delete)</source>
        <translation>Từ chối (Delete)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="298" />
        <source>Change quantity (E)</source>
        <translation>Sửa số lượng (E)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="299" />
        <source>Import products…</source>
        <translation>Nhập sản phẩm…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="300" />
        <source>Export orders…</source>
        <translation>Xuất đơn hàng…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="301" />
        <source>Try the demo</source>
        <translation>Chạy thử (demo)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="302" />
        <source>Assistant:</source>
        <translation>Người trực:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="303" />
        <source>End live</source>
        <translation>Kết thúc live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="303" />
        <source>Start live</source>
        <translation>Bắt đầu live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="357" />
        <source>No products yet. Import your product list (CSV or Excel), or click “Try the demo” to see how livehelper works with sample produce and comments.</source>
        <translation>Chưa có sản phẩm nào. Hãy nhập danh sách sản phẩm (CSV hoặc Excel), hoặc bấm “Chạy thử (demo)” để xem livehelper làm việc với nông sản và bình luận mẫu.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="368" />
        <source>livehelper</source>
        <translation>livehelper</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="369" />
        <source>The database could not be opened:

{error}</source>
        <translation>Không mở được cơ sở dữ liệu:

{error}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="404" />
        <source>Demo</source>
        <translation>Chạy thử</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="405" />
        <source>Start the demo? It uses its own sample data and never touches your shows.</source>
        <translation>Bắt đầu chạy thử? Bản chạy thử dùng dữ liệu mẫu riêng, không đụng tới các buổi live của bạn.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="473" />
        <source>OBS is set up ({n} sources added)</source>
        <translation>Đã cài đặt OBS (thêm {n} nguồn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="488" />
        <source>Connected to OBS {version}</source>
        <translation>Đã kết nối OBS {version}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="504" />
        <source>Comment source {name} stopped: {state}</source>
        <translation>Nguồn bình luận {name} đã dừng: {state}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="573" />
        <source>Claim {id} was not changed: {reason}</source>
        <translation>Đơn {id} chưa được thay đổi: {reason}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="604" />
        <location filename="../../livehelper/ui/main_window.py" line="611" />
        <source>Change quantity</source>
        <translation>Sửa số lượng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="604" />
        <source>Which product?</source>
        <translation>Sản phẩm nào?</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="612" />
        <source>{name} ({unit}) for {buyer}:</source>
        <translation>{name} ({unit}) cho {buyer}:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="640" />
        <location filename="../../livehelper/ui/main_window.py" line="661" />
        <source>Import products</source>
        <translation>Nhập sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="642" />
        <source>Product lists (*.csv *.xlsx)</source>
        <translation>Danh sách sản phẩm (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="657" />
        <source>{n} products loaded</source>
        <translation>Đã tải {n} sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="670" />
        <source>Export orders</source>
        <translation>Xuất đơn hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="685" />
        <source>{n} orders written to {path}</source>
        <translation>Đã ghi {n} đơn vào {path}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="704" />
        <source>LIVE</source>
        <translation>ĐANG LIVE</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="704" />
        <source>ended</source>
        <translation>đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="707" />
        <source>No live session</source>
        <translation>Chưa có buổi live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="710" />
        <source>Comments: receiving</source>
        <translation>Bình luận: đang nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="712" />
        <source>Comments: stopped</source>
        <translation>Bình luận: đã dừng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="714" />
        <source>Comments: stream ended</source>
        <translation>Bình luận: luồng đã hết</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="716" />
        <source>Comments: no source</source>
        <translation>Bình luận: chưa có nguồn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="719" />
        <source>OBS: not connected</source>
        <translation>OBS: chưa kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="719" />
        <source>OBS: connected</source>
        <translation>OBS: đã kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="724" />
        <source>{comments} comments · {pending} to confirm · {orders} orders · {revenue}</source>
        <translation>{comments} bình luận · {pending} chờ xác nhận · {orders} đơn · {revenue}</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../livehelper/ui/models.py" line="117" />
        <source>order</source>
        <translation>chốt đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="118" />
        <source>cancel</source>
        <translation>huỷ đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="125" />
        <source>Key</source>
        <translation>Phím</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="126" />
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="127" />
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="128" />
        <source>Price</source>
        <translation>Giá</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="130" />
        <source>Left</source>
        <translation>Còn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="165" />
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="168" />
        <location filename="../../livehelper/ui/models.py" line="189" />
        <location filename="../../livehelper/ui/models.py" line="225" />
        <source>Buyer</source>
        <translation>Người mua</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="169" />
        <location filename="../../livehelper/ui/models.py" line="191" />
        <source>Comment</source>
        <translation>Bình luận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="170" />
        <source>Read as</source>
        <translation>Hiểu là</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="188" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="190" />
        <source>Wants</source>
        <translation>Muốn mua</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="192" />
        <location filename="../../livehelper/ui/models.py" line="226" />
        <source>Phone</source>
        <translation>SĐT</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="205" />
        <source>The reader is not sure about this one: check the comment.</source>
        <translation>Máy đọc không chắc đơn này: hãy xem lại bình luận.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="227" />
        <source>Items</source>
        <translation>Hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="228" />
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
</context>
<context>
    <name>ObsPanel</name>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="75" />
        <source>Set up my OBS</source>
        <translation>Cài đặt OBS giúp tôi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="76" />
        <source>OBS settings…</source>
        <translation>Cài đặt OBS…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="82" />
        <source>OBS: connected</source>
        <translation>OBS: đã kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="84" />
        <source>press “Set up my OBS” to add the product texts</source>
        <translation>bấm “Cài đặt OBS giúp tôi” để thêm chữ sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="86" />
        <source>OBS: connecting…</source>
        <translation>OBS: đang kết nối…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="88" />
        <source>OBS: {problem}</source>
        <translation>OBS: {problem}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="117" />
        <source>not running — start OBS Studio</source>
        <translation>chưa chạy — hãy mở OBS Studio</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="120" />
        <source>WebSocket server is off — in OBS: Tools → WebSocket Server Settings → Enable</source>
        <translation>máy chủ WebSocket đang tắt — trong OBS: Tools → WebSocket Server Settings → bật Enable</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="124" />
        <source>wrong password — see OBS: Tools → WebSocket Server Settings → Show Connect Info</source>
        <translation>sai mật khẩu — xem trong OBS: Tools → WebSocket Server Settings → Show Connect Info</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="128" />
        <source>not answering</source>
        <translation>không phản hồi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="129" />
        <source>a request failed</source>
        <translation>một yêu cầu bị lỗi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="130" />
        <source>not set up yet</source>
        <translation>chưa được cài đặt</translation>
    </message>
</context>
<context>
    <name>ObsSettingsDialog</name>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="141" />
        <source>OBS settings</source>
        <translation>Cài đặt OBS</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="150" />
        <source>Test connection</source>
        <translation>Thử kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="153" />
        <source>Computer running OBS:</source>
        <translation>Máy đang chạy OBS:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="154" />
        <source>Port:</source>
        <translation>Cổng:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="155" />
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="12" />
        <source>the file {path} does not exist</source>
        <translation>không có tệp {path}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="13" />
        <source>the file is not UTF-8 text; save it as 'CSV UTF-8' and try again</source>
        <translation>tệp không phải văn bản UTF-8; hãy lưu lại dạng 'CSV UTF-8' rồi thử lại</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="16" />
        <source>cannot read this Excel file ({error})</source>
        <translation>không đọc được tệp Excel này ({error})</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="17" />
        <source>the header row must name the columns code,name,price,unit (missing: {missing})</source>
        <translation>dòng tiêu đề phải có các cột code,name,price,unit (đang thiếu: {missing})</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="21" />
        <source>the file is empty</source>
        <translation>tệp trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="22" />
        <source>the file has a header but no products</source>
        <translation>tệp có dòng tiêu đề nhưng chưa có sản phẩm nào</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="23" />
        <source>the product code is empty</source>
        <translation>mã sản phẩm đang trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="24" />
        <source>the code {code!r} may use only letters, digits, '-' and '_' (at most 32)</source>
        <translation>mã {code!r} chỉ được dùng chữ, số, '-' và '_' (tối đa 32 ký tự)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="27" />
        <source>the code {code!r} is already used on line {other}</source>
        <translation>mã {code!r} đã dùng ở dòng {other}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="30" />
        <source>the product name is empty</source>
        <translation>tên sản phẩm đang trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="31" />
        <source>the unit is empty (for example kg, hộp, túi)</source>
        <translation>đơn vị tính đang trống (ví dụ kg, hộp, túi)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="34" />
        <source>the price {value!r} is not a whole amount in đồng (for example 35000)</source>
        <translation>giá {value!r} không phải số tiền đồng chẵn (ví dụ 35000)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="37" />
        <source>the stock {value!r} is not a whole number (leave it empty for unlimited)</source>
        <translation>tồn kho {value!r} không phải số nguyên (để trống nếu không giới hạn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="43" />
        <source>line {line}: {problem}</source>
        <translation>dòng {line}: {problem}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="52" />
        <source>Nothing was imported. Please fix these rows and import again:</source>
        <translation>Chưa nhập gì cả. Hãy sửa các dòng sau rồi nhập lại:</translation>
    </message>
</context>
</TS>