<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>AddSourceDialog</name>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="186" />
        <source>Add a comment source</source>
        <translation>Thêm nguồn bình luận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="189" />
        <source>Facebook Live (live video id)</source>
        <translation>Facebook Live (mã video live)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="190" />
        <source>YouTube Live (live chat id)</source>
        <translation>YouTube Live (mã live chat)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="191" />
        <source>TikTok LIVE (@username)</source>
        <translation>TikTok LIVE (@tên tài khoản)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="192" />
        <source>Relay (ws:// address of a bridge)</source>
        <translation>Cầu nối (địa chỉ ws://)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="193" />
        <source>Replay a recorded file</source>
        <translation>Phát lại tệp đã ghi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="200" />
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="206" />
        <source>Platform:</source>
        <translation>Nền tảng:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="210" />
        <source>Live:</source>
        <translation>Buổi live:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="234" />
        <source>Page access token:</source>
        <translation>Mã truy cập Trang (token):</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="234" />
        <source>API key:</source>
        <translation>Khoá API:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="238" />
        <source>saved</source>
        <translation>đã lưu</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="242" />
        <source>Recorded comments</source>
        <translation>Bình luận đã ghi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="249" />
        <source>Say which live to read.</source>
        <translation>Hãy cho biết đọc bình luận của buổi live nào.</translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <location filename="../../livehelper/ui/backend.py" line="150" />
        <source>The overlay pages could not start: port {port} is taken (is another livehelper open?). {error}</source>
        <translation>Không mở được các trang overlay: cổng {port} đang bị dùng (có một livehelper khác đang mở?). {error}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/backend.py" line="174" />
        <source>A comment the database refused was skipped (details in the log); the comments around it are stored.</source>
        <translation>Một bình luận bị cơ sở dữ liệu từ chối nên đã bỏ qua (xem chi tiết trong nhật ký); các bình luận khác vẫn được lưu.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/backend.py" line="179" />
        <source>The disk is full: {n} comments could not be stored. Free some space on the disk.</source>
        <translation>Ổ đĩa đã đầy: {n} bình luận chưa lưu được. Hãy xoá bớt tệp để giải phóng dung lượng.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/backend.py" line="182" />
        <source>{n} comments could not be stored yet: {error}</source>
        <translation>{n} bình luận chưa lưu được: {error}</translation>
    </message>
</context>
<context>
    <name>BuyerDialog</name>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="40" />
        <source>Buyer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="54" />
        <location filename="../../livehelper/ui/buyer_dialog.py" line="151" />
        <source>Show</source>
        <translation>Hiện</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="61" />
        <source>Phone:</source>
        <translation>Điện thoại:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="63" />
        <source>Address:</source>
        <translation>Địa chỉ:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="66" />
        <source>Notes:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="67" />
        <source>"Bom hàng": refused a cash-on-delivery parcel</source>
        <translation>"Bom hàng": đã từ chối nhận hàng COD</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="71" />
        <source>Orders</source>
        <translation>Đơn hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="74" />
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="74" />
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="74" />
        <source>Delivery</source>
        <translation>Giao hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="74" />
        <source>Live session</source>
        <translation>Phiên live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="103" />
        <source>{orders} orders · {delivered} delivered · {returned} returned</source>
        <translation>{orders} đơn · {delivered} đã giao · {returned} bị hoàn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="112" />
        <source>delivered</source>
        <translation>đã giao</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="113" />
        <source>returned</source>
        <translation>bị hoàn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="130" />
        <source>Accounts: {list}</source>
        <translation>Tài khoản: {list}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="141" />
        <source>Same phone as {name} ({platform}): merge into this buyer</source>
        <translation>Cùng số điện thoại với {name} ({platform}): gộp vào khách này</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/buyer_dialog.py" line="151" />
        <source>Hide</source>
        <translation>Ẩn</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="34" />
        <source>Make an order of a comment</source>
        <translation>Tạo đơn từ bình luận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="43" />
        <source>Add a product</source>
        <translation>Thêm sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="49" />
        <source>Buyer:</source>
        <translation>Người mua:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="50" />
        <source>Comment:</source>
        <translation>Bình luận:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="51" />
        <source>Phone:</source>
        <translation>Điện thoại:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="52" />
        <source>Wants:</source>
        <translation>Muốn mua:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="71" />
        <source>— choose a product —</source>
        <translation>— chọn sản phẩm —</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="100" />
        <source>Choose at least one product.</source>
        <translation>Hãy chọn ít nhất một sản phẩm.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/claim_dialog.py" line="103" />
        <source>That is not a phone number.</source>
        <translation>Số điện thoại không đúng.</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../livehelper/ui/crash.py" line="24" />
        <source>Something went wrong inside livehelper. Your orders are saved.
Please send this log file to the developers:
{path}</source>
        <translation>livehelper gặp lỗi bên trong. Các đơn của bạn vẫn được lưu.
Vui lòng gửi tệp nhật ký này cho nhóm phát triển:
{path}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="87" />
        <location filename="../../livehelper/ui/export_dialog.py" line="257" />
        <source>Export orders</source>
        <translation>Xuất đơn hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="91" />
        <source>{n} confirmed orders in this live.</source>
        <translation>Phiên live này có {n} đơn đã xác nhận.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="97" />
        <source>Excel file (.xlsx)</source>
        <translation>Tệp Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="98" />
        <source>CSV file (Excel, UTF-8)</source>
        <translation>Tệp CSV (Excel, UTF-8)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="99" />
        <source>JSON file</source>
        <translation>Tệp JSON</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="100" />
        <source>Shop: Shopify, Haravan, Sapo (Admin API)</source>
        <translation>Cửa hàng: Shopify, Haravan, Sapo (Admin API)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="101" />
        <source>Shop: WooCommerce</source>
        <translation>Cửa hàng: WooCommerce</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="102" />
        <source>Webhook (your own system)</source>
        <translation>Webhook (hệ thống riêng của bạn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="106" />
        <source>Send to:</source>
        <translation>Gửi tới:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="111" />
        <source> ({n} columns unverified)</source>
        <translation> ({n} cột chưa kiểm chứng)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="118" />
        <source>Columns:</source>
        <translation>Mẫu cột:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="129" />
        <source>Address:</source>
        <translation>Địa chỉ:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="130" />
        <source>Token or key:</source>
        <translation>Token hoặc khoá:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="131" />
        <source>Secret:</source>
        <translation>Mã bí mật:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="132" />
        <source>Remember (kept in the computer's keyring)</source>
        <translation>Ghi nhớ (lưu trong kho mật khẩu của máy)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="143" />
        <source>Check before export (✗ is held back: tick it to export it anyway):</source>
        <translation>Kiểm tra trước khi xuất (✗ là bị giữ lại: đánh dấu để vẫn xuất):</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="158" />
        <source>✓ Nothing to fix.</source>
        <translation>✓ Không có gì cần sửa.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="167" />
        <location filename="../../livehelper/ui/export_dialog.py" line="370" />
        <source>Order</source>
        <translation>Đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="167" />
        <location filename="../../livehelper/ui/export_dialog.py" line="370" />
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="167" />
        <location filename="../../livehelper/ui/export_dialog.py" line="370" />
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="176" />
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="178" />
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="225" />
        <source>Preview of {n} rows; (?) marks columns not checked against {name}'s sample.</source>
        <translation>Xem trước {n} dòng; (?) là cột chưa được đối chiếu với file mẫu của {name}.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="281" />
        <source>orders</source>
        <translation>don</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="291" />
        <source>Choose first: {what}.</source>
        <translation>Hãy chọn trước: {what}.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="318" />
        <source>Give the address first.</source>
        <translation>Hãy nhập địa chỉ trước.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="358" />
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="374" />
        <source>written</source>
        <translation>đã ghi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="375" />
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="376" />
        <source>already there</source>
        <translation>đã có sẵn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="377" />
        <source>held back: fix it first</source>
        <translation>tạm giữ: cần sửa trước</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="378" />
        <source>failed: try again later</source>
        <translation>lỗi: thử lại sau</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="395" />
        <source>Done: {ok} exported, {skipped} already there, {held} held, {failed} failed.</source>
        <translation>Xong: {ok} đơn đã xuất, {skipped} đã có sẵn, {held} tạm giữ, {failed} lỗi.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="409" />
        <source>the weight of one item</source>
        <translation>khối lượng của một sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="414" />
        <source>The file is not written: choose first: {what}.</source>
        <translation>Chưa ghi tệp: hãy chọn trước: {what}.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="419" />
        <source>Export failed: {error}</source>
        <translation>Xuất đơn thất bại: {error}</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <location filename="../../livehelper/ui/feed_panel.py" line="99" />
        <source>Live comments</source>
        <translation>Bình luận trực tiếp</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/feed_panel.py" line="105" />
        <source>Only possible orders ({n})</source>
        <translation>Có thể là đơn ({n})</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/feed_panel.py" line="243" />
        <source>Enter or double-click a comment to make an order of it.</source>
        <translation>Bấm Enter hoặc nhấp đúp vào bình luận để tạo đơn.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/feed_panel.py" line="253" />
        <source>Make an order of this comment… (Enter)</source>
        <translation>Tạo đơn từ bình luận này… (Enter)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/feed_panel.py" line="263" />
        <source>This comment is already claim {id}.</source>
        <translation>Bình luận này đã thành đơn chờ #{id}.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/feed_panel.py" line="286" />
        <source>No order was made: {reason}</source>
        <translation>Chưa tạo được đơn: {reason}</translation>
    </message>
</context>
<context>
    <name>ImportExport</name>
    <message>
        <location filename="../../livehelper/ui/import_export.py" line="48" />
        <location filename="../../livehelper/ui/import_export.py" line="78" />
        <source>Import products</source>
        <translation>Nhập sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/import_export.py" line="50" />
        <source>Product lists (*.csv *.xlsx)</source>
        <translation>Danh sách sản phẩm (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/import_export.py" line="68" />
        <source>Typed without accents, these names are everyday words: {names}. Orders naming them so go to Not sure unless an amount stands beside them.</source>
        <translation>Gõ không dấu, các tên này trùng với từ thường ngày: {names}. Đơn gọi chúng như vậy sẽ vào mục Chưa chắc, trừ khi có số lượng đứng ngay cạnh.</translation>
    </message>
</context>
<context>
    <name>LiveControl</name>
    <message>
        <location filename="../../livehelper/ui/live_control.py" line="91" />
        <source>Could not check Facebook for dropped comments: {error}</source>
        <translation>Không kiểm tra được các bình luận Facebook bị bỏ sót: {error}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/live_control.py" line="97" />
        <source>{n} comments the live stream dropped were added from Facebook</source>
        <translation>Đã bổ sung {n} bình luận mà luồng live Facebook bỏ sót</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/live_control.py" line="109" />
        <source>Demo</source>
        <translation>Chạy thử</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/live_control.py" line="110" />
        <source>Start the demo? It uses its own sample data and never touches your shows.</source>
        <translation>Bắt đầu chạy thử? Bản chạy thử dùng dữ liệu mẫu riêng, không đụng tới các buổi live của bạn.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="274" />
        <source>Assistant:</source>
        <translation>Người trực:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="299" />
        <source>No products yet. Import your product list (CSV or Excel), or click “Try the demo” to see how livehelper works with sample produce and comments.</source>
        <translation>Chưa có sản phẩm nào. Hãy nhập danh sách sản phẩm (CSV hoặc Excel), hoặc bấm “Chạy thử (demo)” để xem livehelper làm việc với nông sản và bình luận mẫu.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="311" />
        <source>livehelper</source>
        <translation>livehelper</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="312" />
        <source>The database could not be opened:

{error}</source>
        <translation>Không mở được cơ sở dữ liệu:

{error}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="337" />
        <source>Ending the live…</source>
        <translation>Đang kết thúc buổi live…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/speech_controls.py" line="41" />
        <source>Read orders aloud</source>
        <translation>Đọc đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/speech_controls.py" line="47" />
        <source>Northern voice</source>
        <translation>Giọng Bắc</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/speech_controls.py" line="48" />
        <source>Central voice</source>
        <translation>Giọng Trung</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/speech_controls.py" line="49" />
        <source>Southern voice</source>
        <translation>Giọng Nam</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/speech_controls.py" line="56" />
        <source>Normal speed</source>
        <translation>Tốc độ vừa</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/speech_controls.py" line="57" />
        <source>Slower</source>
        <translation>Chậm hơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/speech_controls.py" line="58" />
        <source>Faster</source>
        <translation>Nhanh hơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_control.py" line="79" />
        <source>Done: the stream shows it now.</source>
        <translation>Xong: luồng live đã hiển thị.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_control.py" line="53" />
        <source>OBS is set up ({n} sources added)</source>
        <translation>Đã cài đặt OBS (thêm {n} nguồn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_control.py" line="70" />
        <source>Connected to OBS {version}</source>
        <translation>Đã kết nối OBS {version}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="437" />
        <source>{n} products loaded</source>
        <translation>Đã tải {n} sản phẩm</translation>
    </message>
</context>
<context>
    <name>ManualOrderDialog</name>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="267" />
        <source>Type an order</source>
        <translation>Nhập đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="271" />
        <source>e.g. 2kg khoai sâm, 1 hộp na</source>
        <translation>ví dụ: 2kg khoai sâm, 1 hộp na</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="273" />
        <source>Buyer:</source>
        <translation>Người mua:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="274" />
        <source>Phone:</source>
        <translation>Số điện thoại:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="275" />
        <source>Wants:</source>
        <translation>Muốn mua:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="288" />
        <source>Write the buyer's name and what they want.</source>
        <translation>Hãy ghi tên người mua và món họ muốn mua.</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../livehelper/ui/models.py" line="171" />
        <source>order</source>
        <translation>chốt đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="172" />
        <source>cancel</source>
        <translation>huỷ đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="187" />
        <source>Key</source>
        <translation>Phím</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="188" />
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="189" />
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="190" />
        <source>Price</source>
        <translation>Giá</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="191" />
        <source>Left</source>
        <translation>Còn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="222" />
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="225" />
        <location filename="../../livehelper/ui/models.py" line="297" />
        <location filename="../../livehelper/ui/models.py" line="463" />
        <source>Buyer</source>
        <translation>Người mua</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="226" />
        <location filename="../../livehelper/ui/models.py" line="299" />
        <source>Comment</source>
        <translation>Bình luận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="227" />
        <source>Read as</source>
        <translation>Hiểu là</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="235" />
        <source>other</source>
        <translation>khác</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="238" />
        <source>this rule reads {percent}% of labelled comments right</source>
        <translation>quy tắc này đọc đúng {percent}% bình luận đã gán nhãn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="254" />
        <source>{who} is on it · {items}</source>
        <translation>{who} đang xử lý · {items}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="258" />
        <source>CANCELLED BY BUYER · {items}</source>
        <translation>KHÁCH HUỶ · {items}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="262" />
        <source>SOLD OUT, in line · {items}</source>
        <translation>HẾT HÀNG, đang chờ · {items}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="266" />
        <source>BACK IN STOCK for them · {items}</source>
        <translation>CÓ HÀNG LẠI cho khách · {items}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="270" />
        <source>{items} (instead of #{id}? R / M)</source>
        <translation>{items} (thay đơn #{id}? R thay / M cộng thêm)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="282" />
        <source>Instead of #{id}? R replaces it, M adds to it</source>
        <translation>Thay cho đơn #{id}? R thay thế, M cộng thêm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="296" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="298" />
        <source>Wants</source>
        <translation>Muốn mua</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="300" />
        <location filename="../../livehelper/ui/models.py" line="464" />
        <source>Phone</source>
        <translation>SĐT</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="360" />
        <source>This buyer (or this phone) refused a cash-on-delivery parcel before (bom hàng). B opens their card.</source>
        <translation>Khách này (hoặc số điện thoại này) đã từng bom hàng. Nhấn B để xem thông tin khách.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="369" />
        <source>The buyer has asked to cancel: press Delete to reject.</source>
        <translation>Khách đã xin huỷ: bấm Delete để từ chối đơn.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="376" />
        <source>Sold out when this came: it waits in line and gets stock that is freed.</source>
        <translation>Hết hàng lúc khách đặt: đơn chờ theo thứ tự và được nhận hàng khi có người huỷ.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="385" />
        <source>A new quantity from this buyer: R replaces claim {id}, M merges them into one.</source>
        <translation>Khách đổi số lượng: R thay đơn {id}, M gộp thành một đơn.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="390" />
        <source>The reader is not sure about this one: check the comment.</source>
        <translation>Máy đọc không chắc đơn này: hãy xem lại bình luận.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="465" />
        <source>Items</source>
        <translation>Hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="466" />
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
</context>
<context>
    <name>ObsPanel</name>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="95" />
        <source>Set up my OBS</source>
        <translation>Cài đặt OBS giúp tôi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="96" />
        <source>OBS settings…</source>
        <translation>Cài đặt OBS…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="102" />
        <source>OBS: connected</source>
        <translation>OBS: đã kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="104" />
        <source>press “Set up my OBS” to add the product texts</source>
        <translation>bấm “Cài đặt OBS giúp tôi” để thêm chữ sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="106" />
        <source>OBS: connecting…</source>
        <translation>OBS: đang kết nối…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="108" />
        <source>OBS: {problem}</source>
        <translation>OBS: {problem}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="137" />
        <source>not running — start OBS Studio</source>
        <translation>chưa chạy — hãy mở OBS Studio</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="140" />
        <source>WebSocket server is off — in OBS: Tools → WebSocket Server Settings → Enable</source>
        <translation>máy chủ WebSocket đang tắt — trong OBS: Tools → WebSocket Server Settings → bật Enable</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="144" />
        <source>wrong password — see OBS: Tools → WebSocket Server Settings → Show Connect Info</source>
        <translation>sai mật khẩu — xem trong OBS: Tools → WebSocket Server Settings → Show Connect Info</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="148" />
        <source>not answering</source>
        <translation>không phản hồi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="149" />
        <source>a request failed</source>
        <translation>một yêu cầu bị lỗi</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="150" />
        <source>not set up yet</source>
        <translation>chưa được cài đặt</translation>
    </message>
</context>
<context>
    <name>ObsSettingsDialog</name>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="161" />
        <source>OBS settings</source>
        <translation>Cài đặt OBS</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="170" />
        <source>Test connection</source>
        <translation>Thử kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="173" />
        <source>Computer running OBS:</source>
        <translation>Máy đang chạy OBS:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="174" />
        <source>Port:</source>
        <translation>Cổng:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/obs_panel.py" line="175" />
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../livehelper/ui/orders_panel.py" line="39" />
        <source>Confirmed orders</source>
        <translation>Đơn đã chốt</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/orders_panel.py" line="48" />
        <source>Buyer card…</source>
        <translation>Thông tin khách…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/orders_panel.py" line="50" />
        <source>Delivered</source>
        <translation>Đã giao</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/orders_panel.py" line="54" />
        <source>Returned: refused on delivery (bom hàng)</source>
        <translation>Bị hoàn: khách không nhận (bom hàng)</translation>
    </message>
</context>
<context>
    <name>OverlayDialog</name>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="50" />
        <source>Overlays on the stream</source>
        <translation>Overlay trên luồng live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="54" />
        <source>Pages for OBS (Browser source, 1920×1080)</source>
        <translation>Trang cho OBS (nguồn Trình duyệt, 1920×1080)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="61" />
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="68" />
        <source>Open the list in a browser</source>
        <translation>Mở danh sách trong trình duyệt</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="73" />
        <source>Start a live first: the pages are served during a live.</source>
        <translation>Hãy bắt đầu live trước: các trang chỉ chạy trong buổi live.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="77" />
        <source>Flash-sale countdown</source>
        <translation>Đếm ngược flash sale</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="83" />
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="87" />
        <source>Start countdown</source>
        <translation>Bắt đầu đếm ngược</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="87" />
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="92" />
        <source>Length:</source>
        <translation>Thời lượng:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="93" />
        <source>Title:</source>
        <translation>Tiêu đề:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="97" />
        <source>Bank-transfer QR (VietQR)</source>
        <translation>Mã QR chuyển khoản (VietQR)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="110" />
        <source>any amount (the buyer types it)</source>
        <translation>số tiền bất kỳ (người mua tự nhập)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="119" />
        <source>Show QR</source>
        <translation>Hiện mã QR</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="119" />
        <source>Hide QR</source>
        <translation>Ẩn mã QR</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="125" />
        <source>Bank:</source>
        <translation>Ngân hàng:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="126" />
        <source>Account number:</source>
        <translation>Số tài khoản:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="127" />
        <source>Account holder:</source>
        <translation>Chủ tài khoản:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="128" />
        <source>Amount:</source>
        <translation>Số tiền:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="138" />
        <source>Product card:</source>
        <translation>Thẻ sản phẩm:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="139" />
        <source>New orders:</source>
        <translation>Đơn vừa chốt:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="140" />
        <source>Payment QR:</source>
        <translation>Mã QR thanh toán:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="141" />
        <source>Countdown:</source>
        <translation>Đếm ngược:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="146" />
        <source>Copied: {url}</source>
        <translation>Đã sao chép: {url}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/overlay_dialog.py" line="164" />
        <source>Check the bank account: {error}</source>
        <translation>Kiểm tra lại tài khoản ngân hàng: {error}</translation>
    </message>
</context>
<context>
    <name>ProductsPanel</name>
    <message>
        <location filename="../../livehelper/ui/products_panel.py" line="47" />
        <source>Products (click or F1–F12)</source>
        <translation>Sản phẩm (bấm hoặc F1–F12)</translation>
    </message>
</context>
<context>
    <name>QuantityDialog</name>
    <message>
        <location filename="../../livehelper/ui/quantity_dialog.py" line="19" />
        <source>Change quantity</source>
        <translation>Sửa số lượng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/quantity_dialog.py" line="23" />
        <source>Which product?</source>
        <translation>Sản phẩm nào?</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/quantity_dialog.py" line="32" />
        <source>{name} ({unit}) for {buyer}:</source>
        <translation>{name} ({unit}) cho {buyer}:</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="171" />
        <source>Orders to confirm</source>
        <translation>Đơn chờ xác nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="172" />
        <source>Confirm (Enter)</source>
        <translation>Xác nhận (Enter)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="173" />
        <source>Reject (Delete)</source>
        <translation>Từ chối (Delete)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="174" />
        <source>Change quantity (E)</source>
        <translation>Sửa số lượng (E)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="193" />
        <source>● Ready for keys · Ctrl+Z undo</source>
        <translation>● Sẵn sàng nhận phím · Ctrl+Z hoàn tác</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="196" />
        <source>Click the list to use the keys</source>
        <translation>Bấm vào danh sách để dùng phím</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="200" />
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="200" />
        <source>Not sure</source>
        <translation>Chưa chắc</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="201" />
        <source>Waiting for stock</source>
        <translation>Chờ hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="229" />
        <source>⚠ {names}: refused a cash-on-delivery parcel before (bom hàng)</source>
        <translation>⚠ {names}: đã từng bom hàng (từ chối nhận hàng COD)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="277" />
        <source>{names} asked to cancel: their claims are marked red</source>
        <translation>{names} xin huỷ đơn: các đơn của họ được tô đỏ</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="307" />
        <source>Back in stock for: {who}</source>
        <translation>Có hàng lại cho: {who}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/queue_panel.py" line="436" />
        <source>Claim {id} was not merged: {reason}</source>
        <translation>Chưa gộp được đơn {id}: {reason}</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="428" />
        <source>Session report</source>
        <translation>Báo cáo phiên live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="436" />
        <source>Save as PDF…</source>
        <translation>Lưu PDF…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="437" />
        <source>Save as HTML…</source>
        <translation>Lưu HTML…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="451" />
        <source>report</source>
        <translation>bao-cao</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="454" />
        <source>Save the report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/export_dialog.py" line="474" />
        <source>Saved to {path}</source>
        <translation>Đã lưu vào {path}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="59" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="66" />
        <source>A new claim holds its goods for (minutes):</source>
        <translation>Giữ hàng cho đơn mới trong (phút):</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="67" />
        <source>The same order repeated within (minutes) is one order:</source>
        <translation>Khách nhắn lại cùng đơn trong (phút) thì chỉ tính một đơn:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="70" />
        <source>Duplicate policy</source>
        <translation>Quy tắc đơn trùng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="73" />
        <source>The same buyer repeating the same order: one claim, not two.</source>
        <translation>Cùng khách nhắn lại cùng đơn: chỉ một đơn, không nhân đôi.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="75" />
        <source>A new quantity for a product the buyer is still waiting for: the claim asks you. R replaces the earlier claim, M merges them into one.</source>
        <translation>Khách đổi số lượng cho món đang chờ: đơn sẽ hỏi bạn. R thay đơn trước, M gộp thành một đơn.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="78" />
        <source>"thêm … nữa" (add … more) is always a new claim on top.</source>
        <translation>"thêm … nữa" luôn là đơn mới cộng thêm.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="79" />
        <source>A buyer's cancel comment marks their open claims red and names them.</source>
        <translation>Khách nhắn huỷ: các đơn đang mở của khách chuyển màu đỏ và được nêu tên.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="81" />
        <source>Sold out: new claims wait in line; stock that is freed goes to the first in line.</source>
        <translation>Hết hàng: đơn mới xếp hàng chờ; hàng được trả lại sẽ dành cho người chờ đầu tiên.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="91" />
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="91" />
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="91" />
        <source>Left</source>
        <translation>Còn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="91" />
        <source>Cap for this show</source>
        <translation>Mở bán phiên này</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="96" />
        <source>How much this show may sell ("số lượng mở bán"; empty: no cap)</source>
        <translation>Số lượng mở bán trong phiên này (để trống: không giới hạn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="144" />
        <source>Not a quantity for {code}</source>
        <translation>Số lượng của {code} không hợp lệ</translation>
    </message>
</context>
<context>
    <name>ShowToolbar</name>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="40" />
        <source>Import products…</source>
        <translation>Nhập sản phẩm…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="41" />
        <source>Export orders…</source>
        <translation>Xuất đơn hàng…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="42" />
        <source>Report…</source>
        <translation>Báo cáo…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="43" />
        <source>Try the demo</source>
        <translation>Chạy thử (demo)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="44" />
        <source>Overlays and QR…</source>
        <translation>Overlay, mã QR…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="45" />
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="49" />
        <source>End live</source>
        <translation>Kết thúc live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="49" />
        <source>Start live</source>
        <translation>Bắt đầu live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="51" />
        <source>No live session</source>
        <translation>Chưa có buổi live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="53" />
        <source>LIVE</source>
        <translation>ĐANG LIVE</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/toolbar.py" line="53" />
        <source>ended</source>
        <translation>đã kết thúc</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="103" />
        <source>Add comment source…</source>
        <translation>Thêm nguồn bình luận…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="104" />
        <source>Type an order…</source>
        <translation>Nhập đơn tay…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="114" />
        <source>{name}: {state} · {per_minute}/min · last {seconds} s ago</source>
        <translation>{name}: {state} · {per_minute}/phút · lần cuối {seconds} giây trước</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="118" />
        <source>quota ~{units} units</source>
        <translation>hạn mức ~{units} đơn vị</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="120" />
        <source>No comment source yet</source>
        <translation>Chưa có nguồn bình luận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="128" />
        <source>Comment source {name} stopped: {state}</source>
        <translation>Nguồn bình luận {name} đã dừng: {state}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="135" />
        <source>Start a live first.</source>
        <translation>Hãy bắt đầu live trước.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="150" />
        <source>Reading comments from {name}</source>
        <translation>Đang đọc bình luận từ {name}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="167" />
        <source>connected but silent — check the live</source>
        <translation>đã kết nối nhưng im lặng — kiểm tra buổi live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="169" />
        <source>starting</source>
        <translation>đang khởi động</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="170" />
        <source>connecting</source>
        <translation>đang kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="171" />
        <source>receiving</source>
        <translation>đang nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="172" />
        <source>receiving (polling)</source>
        <translation>đang nhận (hỏi định kỳ)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="173" />
        <source>reconnecting</source>
        <translation>đang kết nối lại</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="174" />
        <source>ended</source>
        <translation>đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="175" />
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/sources_panel.py" line="176" />
        <source>stopped: {reason}</source>
        <translation>đã dừng: {reason}</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="26" />
        <source>Comments: receiving</source>
        <translation>Bình luận: đang nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="28" />
        <source>Comments: stopped</source>
        <translation>Bình luận: đã dừng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="30" />
        <source>Comments: stream ended</source>
        <translation>Bình luận: luồng đã hết</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="32" />
        <source>Comments: no source</source>
        <translation>Bình luận: chưa có nguồn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="35" />
        <source>OBS: connected</source>
        <translation>OBS: đã kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="35" />
        <source>OBS: not connected</source>
        <translation>OBS: chưa kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="39" />
        <source>Overlays: {url}</source>
        <translation>Overlay: {url}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="39" />
        <source>Overlays: off</source>
        <translation>Overlay: tắt</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/status_line.py" line="45" />
        <source>{comments} comments · {pending} to confirm · {orders} orders · {revenue}</source>
        <translation>{comments} bình luận · {pending} chờ xác nhận · {orders} đơn · {revenue}</translation>
    </message>
</context>
<context>
    <name>TemplateChoices</name>
    <message>
        <location filename="../../livehelper/ui/template_choices.py" line="40" />
        <source>(leave empty)</source>
        <translation>(để trống)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/template_choices.py" line="43" />
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/template_choices.py" line="51" />
        <source>— give it —</source>
        <translation>— nhập vào —</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/template_choices.py" line="55" />
        <source>Some products have no weight in the catalogue; the file needs one. This weight is used for one item of each of them.</source>
        <translation>Một số sản phẩm chưa có khối lượng trong danh mục; tệp của đơn vị vận chuyển bắt buộc phải có. Khối lượng này được dùng cho mỗi sản phẩm như vậy.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/template_choices.py" line="59" />
        <source>Weight of one item with no weight:</source>
        <translation>Khối lượng 1 sản phẩm chưa có khối lượng:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/template_choices.py" line="77" />
        <source>the weight of one item</source>
        <translation>khối lượng của một sản phẩm</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="14" />
        <source>the file {path} does not exist</source>
        <translation>không có tệp {path}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="15" />
        <source>the file is not UTF-8 text; save it as 'CSV UTF-8' and try again</source>
        <translation>tệp không phải văn bản UTF-8; hãy lưu lại dạng 'CSV UTF-8' rồi thử lại</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="18" />
        <source>cannot read this Excel file ({error})</source>
        <translation>không đọc được tệp Excel này ({error})</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="19" />
        <source>the header row must name the columns code,name,price,unit (missing: {missing})</source>
        <translation>dòng tiêu đề phải có các cột code,name,price,unit (đang thiếu: {missing})</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="23" />
        <source>the file is empty</source>
        <translation>tệp trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="24" />
        <source>the file has a header but no products</source>
        <translation>tệp có dòng tiêu đề nhưng chưa có sản phẩm nào</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="25" />
        <source>the product code is empty</source>
        <translation>mã sản phẩm đang trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="26" />
        <source>the code {code!r} may use only letters, digits, '-' and '_' (at most 32)</source>
        <translation>mã {code!r} chỉ được dùng chữ, số, '-' và '_' (tối đa 32 ký tự)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="29" />
        <source>the code {code!r} is already used on line {other}</source>
        <translation>mã {code!r} đã dùng ở dòng {other}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="32" />
        <source>the product name is empty</source>
        <translation>tên sản phẩm đang trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="33" />
        <source>the unit is empty (for example kg, hộp, túi)</source>
        <translation>đơn vị tính đang trống (ví dụ kg, hộp, túi)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="36" />
        <source>the price {value!r} is not a whole amount in đồng (for example 35000)</source>
        <translation>giá {value!r} không phải số tiền đồng chẵn (ví dụ 35000)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="39" />
        <source>the stock {value!r} is not a whole number (leave it empty for unlimited)</source>
        <translation>tồn kho {value!r} không phải số nguyên (để trống nếu không giới hạn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="42" />
        <source>the code {code!r} is also how buyers write a quantity, a unit or an order ('chốt 2kg' would be read as this product); choose another code, for example the product's initials</source>
        <translation>mã {code!r} trùng với cách khách viết số lượng, đơn vị hoặc lời chốt đơn ('chốt 2kg' sẽ bị hiểu là sản phẩm này); hãy chọn mã khác, ví dụ chữ cái đầu của tên sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="48" />
        <source>the weight {value!r} is not one unit's weight in kg (for example 0,5 for a 500 g jar; leave it empty if you do not know)</source>
        <translation>khối lượng {value!r} không phải khối lượng một đơn vị tính bằng kg (ví dụ 0,5 cho một hũ 500 g; không biết thì để trống)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="53" />
        <source>the price {value!r} is more than 10 billion đồng; is a digit too many?</source>
        <translation>giá {value!r} lớn hơn 10 tỉ đồng; có gõ thừa chữ số không?</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="56" />
        <source>the stock {value!r} is more than a billion; is a digit too many?</source>
        <translation>tồn kho {value!r} lớn hơn một tỉ; có gõ thừa chữ số không?</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="59" />
        <source>the {column} cell holds a formula ({formula}) whose result was never saved; open the file in Excel and save it, or type the number</source>
        <translation>ô {column} chứa công thức ({formula}) nhưng chưa có kết quả được lưu; hãy mở tệp bằng Excel rồi lưu lại, hoặc gõ thẳng con số</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="67" />
        <source>line {line}: {problem}</source>
        <translation>dòng {line}: {problem}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="76" />
        <source>Nothing was imported. Please fix these rows and import again:</source>
        <translation>Chưa nhập gì cả. Hãy sửa các dòng sau rồi nhập lại:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="87" />
        <source>no phone number</source>
        <translation>không có số điện thoại</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="88" />
        <source>no delivery address (add it on the buyer's card)</source>
        <translation>không có địa chỉ giao hàng (thêm trong thẻ khách hàng)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="91" />
        <source>the address names none of the 34 provinces</source>
        <translation>địa chỉ không nêu tỉnh/thành nào trong 34 tỉnh thành</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="94" />
        <source>the address names no ward or commune we know</source>
        <translation>địa chỉ không nêu phường/xã nào đã biết</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="97" />
        <source>the buyer asked to cancel after confirming</source>
        <translation>khách đã xin huỷ sau khi xác nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="100" />
        <source>this buyer refused a cash-on-delivery parcel before (bom hàng)</source>
        <translation>khách này từng bom hàng (từ chối nhận hàng COD)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="103" />
        <source>a line with quantity or price 0</source>
        <translation>có dòng số lượng hoặc giá bằng 0</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="104" />
        <source>{count} claims were never confirmed or rejected: they are not exported</source>
        <translation>{count} đơn chờ chưa được xác nhận hay từ chối: không được xuất</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="115" />
        <source>livehelper (one row per order line)</source>
        <translation>livehelper (mỗi dòng hàng một hàng)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="116" />
        <source>GHN – bulk orders (one row per order)</source>
        <translation>GHN – tạo đơn hàng loạt (mỗi đơn một hàng)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="117" />
        <source>GHTK – Excel orders (one row per product, the order's cells merged)</source>
        <translation>GHTK – đăng đơn Excel (mỗi sản phẩm một hàng, gộp ô của đơn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="120" />
        <source>Viettel Post – bulk orders (one row per order)</source>
        <translation>Viettel Post – tạo đơn hàng loạt (mỗi đơn một hàng)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="123" />
        <source>Sapo – orders from a file (one row per product)</source>
        <translation>Sapo – nhập đơn từ file (mỗi sản phẩm một hàng)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="126" />
        <source>KiotViet – orders from a file (one row per product)</source>
        <translation>KiotViet – đặt hàng từ file (mỗi sản phẩm một hàng)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="137" />
        <source>Nothing public confirms Sapo's order-import columns: the quantity, price, buyer and delivery headers are guesses. Compare with Sapo's sample file before the first import.</source>
        <translation>Chưa có tài liệu công khai nào xác nhận các cột nhập đơn của Sapo: các cột số lượng, giá, người mua và giao hàng là phỏng đoán. Hãy đối chiếu với file mẫu của Sapo trước lần nhập đầu tiên.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="143" />
        <source>KiotViet may have no order import at all: its public material shows imports of products, price books, customers and suppliers only. Every column here is a guess.</source>
        <translation>KiotViet có thể không có chức năng nhập đơn từ file: tài liệu công khai chỉ có nhập hàng hoá, bảng giá, khách hàng và nhà cung cấp. Mọi cột ở đây đều là phỏng đoán.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="155" />
        <source>{n} column(s) not checked against {name}'s own sample file: {columns}.</source>
        <translation>{n} cột chưa được đối chiếu với file mẫu của {name}: {columns}.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="168" />
        <source>Orders cannot be read aloud: this computer has no speech engine. On Linux run 'bash livehelper.sh' once more (it installs espeak-ng).</source>
        <translation>Không đọc đơn thành tiếng được: máy này chưa có bộ đọc giọng nói. Trên Linux hãy chạy lại 'bash livehelper.sh' (lệnh này cài espeak-ng).</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="173" />
        <source>Orders cannot be read aloud: the speech engine has no Vietnamese voice.</source>
        <translation>Không đọc đơn thành tiếng được: bộ đọc giọng nói chưa có giọng tiếng Việt.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="176" />
        <source>Orders cannot be read aloud: there is no program to play sound with. On Linux run 'bash livehelper.sh' once more (it installs alsa-utils).</source>
        <translation>Không đọc đơn thành tiếng được: máy chưa có chương trình phát âm thanh. Trên Linux hãy chạy lại 'bash livehelper.sh' (lệnh này cài alsa-utils).</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="181" />
        <source>Orders cannot be heard: the sound could not be played. Check that speakers or headphones are connected and not used by another program.</source>
        <translation>Không nghe được tiếng đọc đơn: máy không phát được âm thanh. Hãy kiểm tra loa hoặc tai nghe đã cắm chưa và không bị chương trình khác chiếm.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="186" />
        <source>Orders cannot be read aloud: the speech engine produced no sound.</source>
        <translation>Không đọc đơn thành tiếng được: bộ đọc giọng nói không tạo ra âm thanh.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="198" />
        <source>Claim {id} not confirmed: only {left} {product} left for this show (its cap), the claim asks for {wanted}.</source>
        <translation>Chưa chốt được đơn {id}: buổi live này chỉ còn mở bán {left} {product}, đơn cần {wanted}.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="203" />
        <source>Claim {id} not confirmed: only {left} {product} left, the claim asks for {wanted}.</source>
        <translation>Chưa chốt được đơn {id}: chỉ còn {left} {product}, đơn cần {wanted}.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="215" />
        <source>Claim {id} was not changed: {reason}</source>
        <translation>Đơn {id} chưa được thay đổi: {reason}</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <location filename="../../livehelper/ui/undo_history.py" line="40" />
        <source>Nothing to undo.</source>
        <translation>Không có gì để hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/undo_history.py" line="57" />
        <source>Not undone: claim #{claim} was changed since, by another assistant or laptop.</source>
        <translation>Không hoàn tác được: đơn #{claim} đã được người trợ giúp khác hoặc máy khác thay đổi sau đó.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/undo_history.py" line="61" />
        <source>Not undone: the order of claim #{claim} was already sent ({target}).</source>
        <translation>Không hoàn tác được: đơn #{claim} đã được gửi đi ({target}).</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/undo_history.py" line="63" />
        <source>Not undone: {reason}</source>
        <translation>Không hoàn tác được: {reason}</translation>
    </message>
</context>
<context>
    <name>WindowFrame</name>
    <message>
        <location filename="../../livehelper/ui/window_frame.py" line="51" />
        <source>Close livehelper</source>
        <translation>Đóng livehelper</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/window_frame.py" line="52" />
        <source>A live is on: while livehelper is closed no comment is read and no order is caught. Close it anyway?</source>
        <translation>Đang live: khi đóng livehelper, không bình luận nào được đọc và không đơn nào được ghi. Vẫn đóng?</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../livehelper/ui/settings_dialog.py" line="172" />
        <source>Start a live to set how much of each product it may sell.</source>
        <translation>Bắt đầu phiên live để đặt số lượng mở bán cho từng sản phẩm.</translation>
    </message>
</context>
</TS>